using NodaTime;

namespace ValueGuard.Core.Windows;

/// <summary>
/// "Per calendar month": the calendar period (in the contract's zone, DST-correct: a spring-forward day
/// in Europe/Berlin is 23 h long) that contains the instant just before the evaluation instant, so that
/// evaluating at midnight closes the day that just ended. Mid-period, the window is the period so far.
/// </summary>
public sealed record CalendarWindow(CalendarUnit Unit, WindowStart Starts) : WindowSpec
{
    public CalendarWindow(CalendarUnit unit) : this(unit, WindowStart.GoLive)
    {
    }

    public override EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline)
    {
        if (Starts.Resolve(timeline) is not { } start || at <= start) return null;
        var (periodStart, periodEnd) = PeriodContaining(at.AddTicks(-1), timeline.Zone);
        var from = periodStart > start ? periodStart : start;
        return new EvaluationWindow(from, at < periodEnd ? at : periodEnd);
    }

    public override WindowStart StartRule => Starts;

    public override DateTimeOffset? EndsAt(ContractTimeline timeline) => null;

    /// <summary>
    /// The periods to close: those that ended at or before <paramref name="until"/> and after
    /// <paramref name="since"/> (oldest first; at most <paramref name="limit"/>, the latest ones), or only the
    /// latest such period when <paramref name="since"/> is null. Each is clipped to the clause's start.
    /// </summary>
    public IReadOnlyList<EvaluationWindow> FinishedPeriods(DateTimeOffset? since, DateTimeOffset until, ContractTimeline timeline, int limit = 1000)
    {
        if (Starts.Resolve(timeline) is not { } start) return [];
        var periods = new List<EvaluationWindow>();
        var (from, to) = PeriodContaining(until.AddTicks(-1), timeline.Zone);
        if (to > until) (from, to) = PeriodContaining(from.AddTicks(-1), timeline.Zone);
        while (to > start && periods.Count < limit && (since is { } s ? to > s : periods.Count == 0))
        {
            periods.Add(new EvaluationWindow(from > start ? from : start, to));
            (from, to) = PeriodContaining(from.AddTicks(-1), timeline.Zone);
        }
        periods.Reverse();
        return periods;
    }

    /// <summary>The UTC bounds of the calendar period containing <paramref name="instant"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) PeriodContaining(DateTimeOffset instant, DateTimeZone zone)
    {
        var date = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        var first = Unit switch
        {
            CalendarUnit.Day => date,
            CalendarUnit.Week => date.PlusDays(-((int)date.DayOfWeek - 1)),
            CalendarUnit.Month => new LocalDate(date.Year, date.Month, 1),
            _ => new LocalDate(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        };
        var next = Unit switch
        {
            CalendarUnit.Day => first.PlusDays(1),
            CalendarUnit.Week => first.PlusWeeks(1),
            CalendarUnit.Month => first.PlusMonths(1),
            _ => first.PlusMonths(3),
        };
        return (first.AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime(), next.AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime());
    }

    public override string Describe() => $"per calendar {Unit.ToString().ToLowerInvariant()}" + (Starts == WindowStart.GoLive ? string.Empty : $" from {Starts}");
}
