using System.Globalization;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Forecasting;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// The forecast line of a ticket: the burn-rate or allowance warning that made a clause at risk; for a period
/// clause with an allowance, the value projected to the period's end at the current rate; for an availability
/// period, how much more downtime the rest of the period allows (or that the target is out of reach).
/// </summary>
internal static class TicketForecast
{
    public static string? For(Clause clause, ClauseCalculation calculation)
    {
        if (calculation.Forecast is { } warning) return warning;
        if (calculation.Result is not { } r || double.IsNaN(r.Value)) return null;
        if (clause.Window is not PeriodWindow || clause.Window.EndsAt(calculation.Timeline) is not { } end) return null;
        if (r.Window.To >= end) return string.Create(CultureInfo.InvariantCulture, $"the period ended at {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the verdict is final");
        if (clause.Kpi is AvailabilityKpi && clause.Target.Comparison is Comparison.GreaterOrEqual or Comparison.GreaterThan)
            return AvailabilityOutlook(clause, r.Value, r.Window.Length, end - r.Window.From, end);
        if (r.Unit is not (QuantityUnit.Duration or QuantityUnit.Number)) return null;
        var projection = PeriodProjection.Of(r.Value, clause.Target.Bound.Value, r.Window.Length, end - r.Window.From);
        return string.Create(CultureInfo.InvariantCulture,
            $"at the current rate {Quantity.Format(projection.AtEnd, r.Unit)} by the period's end ({end.UtcDateTime:yyyy-MM-dd HH:mm} UTC; target {clause.Target})");
    }

    /// <summary>What the rest of an availability period allows: how much more downtime still meets the target, or that none does.</summary>
    private static string AvailabilityOutlook(Clause clause, double soFar, TimeSpan elapsed, TimeSpan period, DateTimeOffset end)
    {
        var target = clause.Target.Bound.Value;
        var best = (soFar * elapsed.TotalSeconds + (period - elapsed).TotalSeconds) / period.TotalSeconds;
        var allowance = TimeSpan.FromSeconds(Math.Max(0, (1 - target) * period.TotalSeconds - (1 - soFar) * elapsed.TotalSeconds));
        var at = end.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return allowance <= TimeSpan.Zero || best < target
            ? $"the target cannot be met in this period: with no more downtime it reaches at most {Quantity.Format(best, QuantityUnit.Percent)} by its end ({at} UTC)"
            : $"the target is still met at the period's end ({at} UTC) with at most {DurationSyntax.Format(TimeSpan.FromSeconds(Math.Floor(allowance.TotalSeconds)))} more downtime";
    }
}
