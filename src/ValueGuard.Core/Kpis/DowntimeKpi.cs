using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>Total known time in the window during which <see cref="Signal"/> equals <see cref="DownValue"/>.</summary>
public sealed record DowntimeKpi(SignalId Signal, double DownValue) : KpiDefinition
{
    public override string Kind => "downtime";

    public override QuantityUnit Unit => QuantityUnit.Duration;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override bool HonoursExclusions => true;

    public override KpiResult Compute(EvaluationWindowInputs inputs) =>
        ResultOf(StateTime.Measure(inputs, Signal, DownValue), inputs, InputsDigest.Compute(inputs.Window, [inputs.SamplesOf(Signal)]));

    internal KpiResult ResultOf(StateTime time, EvaluationWindowInputs inputs, string digest) =>
        new(time.InState.TotalSeconds, Unit, inputs.CoverageOf(time.Known), inputs.Window, time.SamplesUsed, digest);

    public override string DescribeMethod() =>
        $"sum of the known time {Signal} is down (= {DownValue}); unknown time is not counted as up and lowers coverage";
}
