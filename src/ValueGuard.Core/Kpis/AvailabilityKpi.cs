using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>Share of the known time in which <see cref="Signal"/> equals <see cref="UpValue"/>.</summary>
public sealed record AvailabilityKpi(SignalId Signal, double UpValue) : KpiDefinition
{
    public override string Kind => "availability";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override bool HonoursExclusions => true;

    public override KpiResult Compute(EvaluationWindowInputs inputs) =>
        ResultOf(StateTime.Measure(inputs, Signal, UpValue), inputs, InputsDigest.Compute(inputs.Window, [inputs.SamplesOf(Signal)]));

    internal KpiResult ResultOf(StateTime time, EvaluationWindowInputs inputs, string digest)
    {
        var value = time.Known > TimeSpan.Zero ? time.InState / time.Known : double.NaN;
        return new KpiResult(value, Unit, inputs.CoverageOf(time.Known), inputs.Window, time.SamplesUsed, digest);
    }

    public override string DescribeMethod() =>
        $"time {Signal} is up (= {UpValue}) divided by the time its state is known; a value holds for at most the signal's max gap";
}
