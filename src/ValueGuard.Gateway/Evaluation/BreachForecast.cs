using System.Globalization;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Forecasting;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Warns before a breach. Rolling share clauses ("≥ 99.95 % over any 30 days"): the SRE workbook's
/// multi-window burn-rate rules, scaled to the clause's window. Period clauses with an allowance
/// ("≤ 2 h downtime within 90 days"): the current rate projected to the period's end.
/// </summary>
internal static class BreachForecast
{
    public static async Task<string?> ForAsync(ClauseCalculator calculator, Contract contract, Clause clause, KpiResult result, ContractTimeline timeline, CancellationToken ct)
    {
        var target = clause.Target;
        if (clause.Window is RollingWindow rolling && result.Unit == QuantityUnit.Percent && target.Comparison is Comparison.GreaterOrEqual or Comparison.GreaterThan)
        {
            var budget = new ErrorBudget(target.Bound.Value, rolling.Length);
            foreach (var rule in BurnRateRule.Workbook.Select(r => r.ScaledTo(rolling.Length)))
            {
                var longBurn = await BurnAsync(calculator, contract, clause, result.Window, rule.Long, budget, ct).ConfigureAwait(false);
                var shortBurn = await BurnAsync(calculator, contract, clause, result.Window, rule.Short, budget, ct).ConfigureAwait(false);
                if (longBurn is { } l && shortBurn is { } s && rule.Fires(l, s))
                    return string.Create(CultureInfo.InvariantCulture,
                        $"the error budget burns {l:0.#}x too fast over the last {DurationSyntax.Format(rule.Long)} ({s:0.#}x over {DurationSyntax.Format(rule.Short)}); rule: {rule.Factor}x");
            }
            return null;
        }
        if (clause.Window is PeriodWindow period && clause.Window.EndsAt(timeline) is { } end && result.Window.To < end
            && result.Unit is QuantityUnit.Duration or QuantityUnit.Number && target.Comparison is Comparison.LessOrEqual or Comparison.LessThan)
        {
            var length = end - result.Window.From;
            var projection = PeriodProjection.Of(result.Value, target.Bound.Value, result.Window.Length, length);
            if (projection.LimitReachedAfter is not { } reached) return null;
            return string.Create(CultureInfo.InvariantCulture,
                $"at the current rate the {target} allowance is used up on day {Math.Ceiling(reached.TotalDays):0} of {length.TotalDays:0.#} (projected {Quantity.Format(projection.AtEnd, result.Unit)} by the end)");
        }
        return null;
    }

    private static async Task<double?> BurnAsync(ClauseCalculator calculator, Contract contract, Clause clause, EvaluationWindow main, TimeSpan length, ErrorBudget budget, CancellationToken ct)
    {
        var from = main.To - length;
        var window = new EvaluationWindow(from < main.From ? main.From : from, main.To);
        var r = await calculator.ComputeOverAsync(contract, clause, window, ct).ConfigureAwait(false);
        return double.IsNaN(r.Value) || r.Coverage < clause.MinCoverage ? null : budget.BurnRate(r.Value);
    }
}
