namespace ValueGuard.Reporting.Model;

/// <summary>
/// Where a clause is heading. <see cref="Running"/>: its window is still open at the end of the report
/// (rolling windows always are). <see cref="AtRisk"/>: a forecast rule fires; <see cref="Text"/> says which.
/// <see cref="ProjectedValue"/>: for period clauses with an allowance, the current rate projected to the period's end.
/// </summary>
public sealed record ClauseForecast(bool Running, bool AtRisk, double? ProjectedValue, DateTimeOffset? PeriodEnd, string Text);
