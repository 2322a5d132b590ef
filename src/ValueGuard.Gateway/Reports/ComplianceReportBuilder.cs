using System.Globalization;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Forecasting;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Gateway.Reports;

/// <summary>
/// Computes the compliance report of one contract over a period <c>[from, to)</c>: each clause evaluated at
/// <c>to</c> with the same calculator as <c>valueguard evaluate</c>, its KPI recomputed at
/// <see cref="SeriesPoints"/> instants for the chart, the downtime attribution over the period, the forecast,
/// the state and breach episodes from the evidence ledger and the tickets from the outbox.
/// </summary>
public static class ComplianceReportBuilder
{
    public const int SeriesPoints = 48;

    public static async Task<ComplianceReport> BuildAsync(ReportSources sources, string contractId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset generatedAt, CancellationToken ct)
    {
        if (to <= from) throw new ArgumentException($"The period's end {to:u} is not after its start {from:u}.", nameof(to));
        var contract = sources.Site.Contracts.FirstOrDefault(c => c.Id == contractId)
            ?? throw new ArgumentException($"The site has no contract '{contractId}' (it has: {string.Join(", ", sources.Site.Contracts.Select(c => c.Id))}).", nameof(contractId));
        var calculator = new ClauseCalculator(sources.Store, sources.Site.Catalog);
        var clauses = new List<ClauseReport>();
        foreach (var clause in contract.Clauses)
            clauses.Add(await ClauseAsync(sources, calculator, contract, clause, from, to, ct).ConfigureAwait(false));

        var header = new ReportHeader(contract.Customer, contract.Id, contract.SourceSha256, sources.Site.Site.Id, contract.TimeZone,
            from, to, generatedAt, sources.Ledger.Head, sources.Ledger.Records, sources.Ledger.Intact);
        return new ComplianceReport(header, clauses, BreachEpisodes.Of(sources.History, contract.Id, sources.Tickets, from, to));
    }

    private static async Task<ClauseReport> ClauseAsync(ReportSources sources, ClauseCalculator calculator, Contract contract, Clause clause,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var unit = ReportUnits.Of(clause.Kpi.Unit);
        var calc = await calculator.CalculateAsync(contract, clause, to, ct).ConfigureAwait(false);
        var series = await SeriesAsync(calculator, contract, clause, from, to, ct).ConfigureAwait(false);
        var downtime = await DowntimeAsync(calculator, contract, clause, calc.Timeline, from, to, ct).ConfigureAwait(false);
        var state = sources.History.StateAt(contract.Id, clause.Id.Value, to);
        var method = Method(contract, clause, sources, series.Count, from, to);
        var forecast = Forecast(clause, calc);
        if (calc.Result is not { } r)
            return new ClauseReport(clause.Id.Value, clause.Text, clause.Kpi.Kind, unit, null, clause.Target.ToString(), clause.Target.Bound.Value,
                clause.Warn?.ToString(), clause.Warn?.Bound.Value, 0, clause.MinCoverage, null, null, Verdict.Indeterminate.Label(), state, 0, null,
                forecast, downtime, series, method, $"the window has not started by the period's end ({clause.Window.Describe()})");
        return new ClauseReport(clause.Id.Value, clause.Text, clause.Kpi.Kind, unit, double.IsNaN(r.Value) ? null : r.Value, clause.Target.ToString(),
            clause.Target.Bound.Value, clause.Warn?.ToString(), clause.Warn?.Bound.Value, r.Coverage, clause.MinCoverage, r.Window.From, r.Window.To,
            calc.Verdict!.Value.Label(), state, r.SampleCount, r.InputsSha256, forecast, downtime, series, method, null);
    }

    private static async Task<IReadOnlyList<KpiPoint>> SeriesAsync(ClauseCalculator calculator, Contract contract, Clause clause, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var points = new List<KpiPoint>();
        var step = (to - from) / SeriesPoints;
        for (var i = 1; i <= SeriesPoints; i++)
        {
            var at = from + step * i;
            var calc = await calculator.CalculateAsync(contract, clause, at, ct).ConfigureAwait(false);
            if (calc.Result is not { } r) continue;
            points.Add(new KpiPoint(at, double.IsNaN(r.Value) ? null : r.Value, r.Coverage, calc.Verdict!.Value.Label()));
        }
        return points;
    }

    /// <summary>Up, unplanned down, planned and missing time over the report period, from the clause's start on.</summary>
    private static async Task<DowntimeBreakdown?> DowntimeAsync(ClauseCalculator calculator, Contract contract, Clause clause, ContractTimeline timeline,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (clause.Kpi is not (AvailabilityKpi or DowntimeKpi)) return null;
        // The clause's own life inside the period: from its start (go-live, first signal) to its end, if it has one.
        var start = clause.Window.Resolve(to, timeline)?.From;
        var periodStart = start is { } s && s > from ? s : from;
        var periodEnd = clause.Window.EndsAt(timeline) is { } e && e < to ? e : to;
        if (periodStart >= periodEnd) return null;
        var window = new EvaluationWindow(periodStart, periodEnd);
        var inputs = await calculator.InputsOverAsync(contract, clause, window, ct).ConfigureAwait(false);
        if (DowntimeAttribution.For(clause.Kpi, inputs) is not { } a) return null;
        var calendars = clause.Exclude.Count == 0 ? "no exclusion calendar" : string.Join(", ", clause.Exclude);
        return new DowntimeBreakdown(a.Up.TotalSeconds, a.UnplannedDown.TotalSeconds, a.PlannedExcluded.TotalSeconds, a.DataMissing.TotalSeconds,
            $"over {window}: the state signal held for at most its max gap; planned time is the overlap with {calendars}; data missing is the rest of the time");
    }

    private static ClauseForecast Forecast(Clause clause, ClauseCalculation calc)
    {
        var end = clause.Window.EndsAt(calc.Timeline);
        if (calc.Result is not { } r) return new ClauseForecast(true, false, null, end, "the clause has not started");
        var running = end is null || r.Window.To < end;
        if (!running) return new ClauseForecast(false, false, null, end, string.Create(CultureInfo.InvariantCulture, $"the period ended at {end!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the verdict is final"));
        double? projected = null;
        if (end is { } e && clause.Window is PeriodWindow && r.Unit is QuantityUnit.Duration or QuantityUnit.Number && !double.IsNaN(r.Value))
            projected = PeriodProjection.Of(r.Value, clause.Target.Bound.Value, r.Window.Length, e - r.Window.From).AtEnd;
        if (calc.Forecast is { } text) return new ClauseForecast(true, true, projected, end, text);
        var why = clause.Window switch
        {
            RollingWindow when r.Unit == QuantityUnit.Percent => "no burn-rate rule fires: the error budget is not burning too fast",
            PeriodWindow when projected is not null => "at the current rate the allowance lasts to the period's end",
            _ => "no forecast rule fires for this clause",
        };
        return new ClauseForecast(true, false, projected, end, why);
    }

    private static ClauseMethod Method(Contract contract, Clause clause, ReportSources sources, int points, DateTimeOffset from, DateTimeOffset to)
    {
        var gaps = string.Join(", ", clause.Kpi.InputsFrom(sources.Site.Catalog).Distinct().Select(s =>
            $"{s} {DurationSyntax.Format(sources.Site.Catalog.TryGet(s, out var spec) ? spec.MaxGap : Core.Signals.SignalSpec.DefaultMaxGap)}"));
        var exclusions = clause.Exclude.Count == 0
            ? "none"
            : clause.Kpi.HonoursExclusions
                ? $"{string.Join(", ", clause.Exclude)} (contract calendars in {contract.TimeZone}): excluded time counts as neither up, down nor unknown and is taken out of the window"
                : $"{string.Join(", ", clause.Exclude)} named, but a {clause.Kpi.Kind} KPI does not take time out";
        var coverage = $"coverage = known time / counted window time; below {Quantity.Format(clause.MinCoverage, QuantityUnit.Percent)} the verdict is INDETERMINATE; a value holds for at most its signal's max gap ({gaps})";
        var window = $"{clause.Window.Describe()}, resolved at the period's end {to.UtcDateTime:yyyy-MM-dd HH:mm} UTC in the contract's zone {contract.TimeZone}";
        var series = string.Create(CultureInfo.InvariantCulture,
            $"the KPI recomputed at {points} instants every {DurationSyntax.Format((to - from) / SeriesPoints)} from {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC, each over the window in force at that instant; breach episodes from the evidence ledger");
        return new ClauseMethod(clause.Kpi.DescribeMethod(), window, exclusions, coverage, series);
    }
}
