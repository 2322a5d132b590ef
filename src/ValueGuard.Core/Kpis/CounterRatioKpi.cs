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

    public override KpiResult Compute(EvaluationWindowInputs inputs) =>
        ResultOf(CounterIncrease.Measure(inputs, Good), CounterIncrease.Measure(inputs, Total), inputs,
            InputsDigest.Compute(inputs.Window, [inputs.SamplesOf(Good), inputs.SamplesOf(Total)]));

    internal KpiResult ResultOf(CounterIncrease good, CounterIncrease total, EvaluationWindowInputs inputs, string digest)
    {
        var value = total.Sum > 0 ? good.Sum / total.Sum : double.NaN;
        var coverage = inputs.CoverageOf(good.Known < total.Known ? good.Known : total.Known);
        return new KpiResult(value, Unit, coverage, inputs.Window, good.SamplesUsed + total.SamplesUsed, digest);
    }

    public override string DescribeMethod() =>
        $"increase of {Good} divided by increase of {Total}; counter resets are detected; pairs of samples further apart than max gap are unknown time";
}
