namespace ValueGuard.Gateway.Clock;

/// <summary>
/// The body of a "clock-sync" evidence record: the system clock became unsynchronised (<c>synchronised: false</c>),
/// or synchronised again after such a record; where that was read and what it said.
/// </summary>
public sealed record ClockSyncEvidence(bool Synchronised, string Source, string Detail, string Explanation)
{
    public static ClockSyncEvidence Of(ClockSynchronisation reading) =>
        new(reading.State == ClockSyncState.Synchronised, reading.Source, reading.Detail,
            reading.State == ClockSyncState.Synchronised
                ? "the system reports its clock synchronised again; timestamps from here on rest on a disciplined clock"
                : "the system reports its clock not synchronised (no NTP/PTP source disciplines it): receive times, verdict times and ticket times may drift from true time");
}
