using NodaTime;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Exclusions;

/// <summary>One entry of an exclusion calendar: a stretch of time a clause does not count.</summary>
public abstract record ExclusionRule
{
    /// <summary>The excluded stretches that touch <paramref name="window"/>, in UTC.</summary>
    public abstract IEnumerable<TimeInterval> Within(EvaluationWindow window, DateTimeZone zone);
}

/// <summary>A fixed stretch, e.g. an announced maintenance on 15 March 02:00–06:00.</summary>
public sealed record FixedExclusion(DateTimeOffset From, DateTimeOffset To) : ExclusionRule
{
    public override IEnumerable<TimeInterval> Within(EvaluationWindow window, DateTimeZone zone)
    {
        if (To > window.From && From < window.To) yield return new TimeInterval(From, To);
    }
}

/// <summary>
/// A weekly slot in local time, e.g. every Sunday 02:00–04:00 in the contract's zone. A slot whose end
/// is not after its start runs past midnight. Local times that do not exist on a DST day are moved
/// forward, ambiguous ones take the earlier instant.
/// </summary>
public sealed record WeeklyExclusion(IsoDayOfWeek Day, LocalTime From, LocalTime To) : ExclusionRule
{
    public override IEnumerable<TimeInterval> Within(EvaluationWindow window, DateTimeZone zone)
    {
        var first = Instant.FromDateTimeOffset(window.From).InZone(zone).Date.PlusDays(-1);
        var last = Instant.FromDateTimeOffset(window.To).InZone(zone).Date;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            if (date.DayOfWeek != Day) continue;
            var from = zone.AtLeniently(date.At(From)).ToDateTimeOffset().ToUniversalTime();
            var endDate = To > From ? date : date.PlusDays(1);
            var to = zone.AtLeniently(endDate.At(To)).ToDateTimeOffset().ToUniversalTime();
            if (to > window.From && from < window.To) yield return new TimeInterval(from, to);
        }
    }
}
