using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Success rate from two monotonic counters: increase of <see cref="Good"/> divided by increase of
/// <see cref="Total"/>. A counter that goes down was reset; the new value counts as the increase.
/// </summary>
public sealed record CounterRatioKpi(SignalId Good, SignalId Total) : KpiDefinition
{
    public override string Kind => "ratio";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [Good, Total];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var window = inputs.Window;
        var good = Increase(inputs.SamplesOf(Good), inputs, inputs.MaxGapOf(Good));
        var total = Increase(inputs.SamplesOf(Total), inputs, inputs.MaxGapOf(Total));
        var value = total.Sum > 0 ? good.Sum / total.Sum : double.NaN;
        var known = good.Known < total.Known ? good.Known : total.Known;
        var coverage = window.Length > TimeSpan.Zero ? known / window.Length : 0;
        var digest = InputsDigest.Compute(window, [inputs.SamplesOf(Good), inputs.SamplesOf(Total)]);
        return new KpiResult(value, Unit, coverage, window, good.Used + total.Used, digest);
    }

    /// <summary>
    /// Sums counter increases between consecutive samples that end inside the window and are at
    /// most max gap apart; such a pair makes the time between them known.
    /// </summary>
    private static (double Sum, TimeSpan Known, int Used) Increase(IReadOnlyList<Sample> samples, EvaluationWindowInputs inputs, TimeSpan maxGap)
    {
        var window = inputs.Window;
        double sum = 0;
        var known = TimeSpan.Zero;
        var used = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            var previous = samples[i - 1];
            var current = samples[i];
            if (!window.Contains(current.Timestamp)) continue;
            if (current.Timestamp - previous.Timestamp > maxGap) continue;
            var delta = current.Value >= previous.Value ? current.Value - previous.Value : current.Value;
            sum += delta;
            used++;
            var from = previous.Timestamp > window.From ? previous.Timestamp : window.From;
            known += current.Timestamp - from;
        }
        return (sum, known, used);
    }

    public override string DescribeMethod() =>
        $"increase of {Good} divided by increase of {Total}; counter resets are detected; pairs of samples further apart than max gap are unknown time";
}
