using NodaTime;

namespace ValueGuard.Core.Escalation;

/// <summary>
/// The weekly hours in which the escalation clock runs, as local times in the contract's zone
/// (<c>[From, To)</c> on each of <see cref="Days"/>; DST gaps and overlaps resolved leniently).
/// </summary>
public sealed record BusinessHours(IReadOnlySet<IsoDayOfWeek> Days, LocalTime From, LocalTime To)
{
    /// <summary>How much business time lies in <c>[from, to)</c>.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, DateTimeZone zone)
    {
        if (to <= from) return TimeSpan.Zero;
        var start = Instant.FromDateTimeOffset(from);
        var end = Instant.FromDateTimeOffset(to);
        var total = Duration.Zero;
        var last = end.InZone(zone).Date;
        for (var day = start.InZone(zone).Date; day <= last; day = day.PlusDays(1))
        {
            if (!Days.Contains(day.DayOfWeek)) continue;
            var open = zone.AtLeniently(day + From).ToInstant();
            var close = zone.AtLeniently(day + To).ToInstant();
            var a = open > start ? open : start;
            var b = close < end ? close : end;
            if (b > a) total += b - a;
        }
        return total.ToTimeSpan();
    }

    /// <summary>Whether <paramref name="at"/> falls in business hours.</summary>
    public bool Contains(DateTimeOffset at, DateTimeZone zone)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        return Days.Contains(local.DayOfWeek) && local.TimeOfDay >= From && local.TimeOfDay < To;
    }
}
