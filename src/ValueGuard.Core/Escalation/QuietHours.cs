using NodaTime;

namespace ValueGuard.Core.Escalation;

/// <summary>
/// A daily stretch of local time (in the contract's zone) in which nobody is paged; it may run over
/// midnight (<c>22:00</c> to <c>07:00</c>).
/// </summary>
public sealed record QuietHours(LocalTime From, LocalTime To)
{
    /// <summary>When the quiet stretch around <paramref name="at"/> ends; null when <paramref name="at"/> is not quiet.</summary>
    public DateTimeOffset? EndOf(DateTimeOffset at, DateTimeZone zone)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        var time = local.TimeOfDay;
        var date = local.Date;
        LocalDate? endDate = From < To
            ? (time >= From && time < To ? date : null)
            : time >= From ? date.PlusDays(1) : time < To ? date : null;
        return endDate is { } d ? zone.AtLeniently(d + To).ToDateTimeOffset().ToUniversalTime() : null;
    }
}
