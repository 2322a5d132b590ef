using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Overall equipment effectiveness = availability × performance × quality. Availability: run time ÷
/// known (planned) time; performance: ideal cycle time × parts made ÷ run time; quality: good parts ÷
/// parts made, from two counters. Excluded time is not planned production time.
/// </summary>
public sealed record OeeKpi(SignalId Running, TimeSpan IdealCycle, SignalId TotalCount, SignalId GoodCount) : KpiDefinition
{
    public override string Kind => "oee";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [Running, TotalCount, GoodCount];

    public override bool HonoursExclusions => true;

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var run = StateTime.Measure(inputs, Running, 1);
        var total = CounterIncrease.Measure(inputs, TotalCount);
        var good = CounterIncrease.Measure(inputs, GoodCount);
        var availability = run.Known > TimeSpan.Zero ? run.InState / run.Known : double.NaN;
        var performance = run.InState > TimeSpan.Zero ? IdealCycle.TotalSeconds * total.Sum / run.InState.TotalSeconds : double.NaN;
        var quality = total.Sum > 0 ? good.Sum / total.Sum : double.NaN;
        var known = new[] { run.Known, total.Known, good.Known }.Min();
        var digest = InputsDigest.Compute(inputs.Window, [inputs.SamplesOf(Running), inputs.SamplesOf(TotalCount), inputs.SamplesOf(GoodCount)]);
        return new KpiResult(availability * performance * quality, Unit, inputs.CoverageOf(known), inputs.Window,
            run.SamplesUsed + total.SamplesUsed + good.SamplesUsed, digest);
    }

    public override string DescribeMethod() =>
        $"availability ({Running} running ÷ known time) × performance ({DurationSyntax.Format(IdealCycle)} × parts from {TotalCount} ÷ run time) × quality ({GoodCount} ÷ {TotalCount})";
}
