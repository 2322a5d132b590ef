using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Success rate from per-event flags: the share of the samples of <see cref="Success"/> in the window
/// that are true. Events are not held over time; coverage is 1 when the window holds any event and 0
/// when it holds none (no events, no verdict).
/// </summary>
public sealed record FlagRatioKpi(SignalId Success) : KpiDefinition
{
    public override string Kind => "ratio";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [Success];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var events = inputs.SamplesOf(Success).Where(s => inputs.Window.Contains(s.Timestamp)).ToList();
        return ResultOf(events.Count, events.Count(s => s.Value != 0), inputs, InputsDigest.Compute(inputs.Window, [events]));
    }

    internal KpiResult ResultOf(int count, int trueCount, EvaluationWindowInputs inputs, string digest)
    {
        var value = count > 0 ? trueCount / (double)count : double.NaN;
        return new KpiResult(value, Unit, count > 0 ? 1 : 0, inputs.Window, count, digest);
    }

    public override string DescribeMethod() => $"share of the events of {Success} in the window that are true (one sample per event)";
}
