using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>Share of the known time in which <see cref="Signal"/> equals <see cref="UpValue"/>.</summary>
public sealed record AvailabilityKpi(SignalId Signal, double UpValue) : KpiDefinition
{
    public override string Kind => "availability";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var window = inputs.Window;
        var samples = inputs.SamplesOf(Signal);
        var known = TimeSpan.Zero;
        var up = TimeSpan.Zero;
        var used = 0;
        foreach (var segment in SampleAndHold.Segments(samples, window, inputs.MaxGapOf(Signal)))
        {
            used++;
            known += segment.Length;
            if (segment.Value == UpValue) up += segment.Length;
        }
        var value = known > TimeSpan.Zero ? up / known : double.NaN;
        var coverage = window.Length > TimeSpan.Zero ? known / window.Length : 0;
        return new KpiResult(value, Unit, coverage, window, used, InputsDigest.Compute(window, [samples]));
    }

    public override string DescribeMethod() =>
        $"time {Signal} is up (= {UpValue}) divided by the time its state is known; a value holds for at most the signal's max gap";
}
