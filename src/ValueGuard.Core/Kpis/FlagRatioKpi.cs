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
        var value = events.Count > 0 ? events.Count(s => s.Value != 0) / (double)events.Count : double.NaN;
        var notLost = inputs.CountedLength - inputs.CountedLostTime(inputs.LostTimeOf(Success));
        return new KpiResult(value, Unit, events.Count > 0 ? inputs.CoverageOf(notLost) : 0, inputs.Window, events.Count, InputsDigest.Compute(inputs.Window, [events]));
    }

    public override string DescribeMethod() => $"share of the events of {Success} in the window that are true (one sample per event)";
}
