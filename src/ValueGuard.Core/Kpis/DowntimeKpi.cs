using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>Total known time in the window during which <see cref="Signal"/> equals <see cref="DownValue"/>.</summary>
public sealed record DowntimeKpi(SignalId Signal, double DownValue) : KpiDefinition
{
    public override string Kind => "downtime";

    public override QuantityUnit Unit => QuantityUnit.Duration;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var window = inputs.Window;
        var samples = inputs.SamplesOf(Signal);
        var known = TimeSpan.Zero;
        var down = TimeSpan.Zero;
        var used = 0;
        foreach (var segment in SampleAndHold.Segments(samples, window, inputs.MaxGapOf(Signal)))
        {
            used++;
            known += segment.Length;
            if (segment.Value == DownValue) down += segment.Length;
        }
        var coverage = window.Length > TimeSpan.Zero ? known / window.Length : 0;
        return new KpiResult(down.TotalSeconds, Unit, coverage, window, used, InputsDigest.Compute(window, [samples]));
    }

    public override string DescribeMethod() =>
        $"sum of the known time {Signal} is down (= {DownValue}); unknown time is not counted as up and lowers coverage";
}
