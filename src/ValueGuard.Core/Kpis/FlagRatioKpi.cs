using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Success rate from per-event flags: the share of the samples of <see cref="Success"/> in the window
/// that are true. Events are not held over time; coverage is 0 when the window holds no event (no events,
/// no verdict), else the share of the counted window whose events were not lost.
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
        // Lost time lowers coverage: events in it may have been dropped.
        var notLost = inputs.CountedLength - inputs.CountedLostTime(inputs.LostTimeOf(Success));
        return new KpiResult(value, Unit, count > 0 ? inputs.CoverageOf(notLost) : 0, inputs.Window, count, digest);
    }

    public override string DescribeMethod() => $"share of the events of {Success} in the window that are true (one sample per event)";
}
