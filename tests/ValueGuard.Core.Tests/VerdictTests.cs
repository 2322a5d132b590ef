using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class VerdictTests
{
    private static readonly Clause Clause = new(new ClauseId("availability"), "Availability at least 98 %",
        new AvailabilityKpi(new SignalId("press-07", "running"), 1), new RollingWindow(TimeSpan.FromDays(7)),
        Threshold.Parse(">= 98%"), Threshold.Parse("< 99%"), 0.9);

    private static KpiResult Result(double value, double coverage) =>
        new(value, QuantityUnit.Percent, coverage, new EvaluationWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)), 10, "x");

    [Theory]
    [InlineData(0.995, 1.0, Verdict.Met)]
    [InlineData(0.985, 1.0, Verdict.AtRisk)]
    [InlineData(0.97, 1.0, Verdict.Breached)]
    [InlineData(0.999, 0.89, Verdict.Indeterminate)]
    [InlineData(double.NaN, 1.0, Verdict.Indeterminate)]
    public void Verdict_follows_target_warn_and_coverage(double value, double coverage, Verdict expected)
    {
        Assert.Equal(expected, VerdictRules.Decide(Clause, Result(value, coverage)));
    }

    [Fact]
    public void Low_coverage_is_never_reported_as_met_even_with_a_perfect_value()
    {
        Assert.Equal(Verdict.Indeterminate, VerdictRules.Decide(Clause, Result(1.0, 0.5)));
    }

    [Theory]
    [InlineData(0.9950, CommitmentState.AtRisk, Verdict.AtRisk)]     // above warn, below clear: stays at risk
    [InlineData(0.9960, CommitmentState.AtRisk, Verdict.Met)]        // reached clear
    [InlineData(0.9950, CommitmentState.Recovered, Verdict.AtRisk)]
    [InlineData(0.9950, CommitmentState.Compliant, Verdict.Met)]     // never warned: warn alone decides
    [InlineData(0.9850, CommitmentState.AtRisk, Verdict.AtRisk)]
    [InlineData(0.9700, CommitmentState.AtRisk, Verdict.Breached)]
    public void A_warned_clause_returns_to_met_only_at_its_clear_level(double value, CommitmentState current, Verdict expected)
    {
        var withClear = Clause with { Clear = Threshold.Parse(">= 99.6%") };

        Assert.Equal(expected, VerdictRules.Decide(withClear, Result(value, 1.0), current));
    }
}
