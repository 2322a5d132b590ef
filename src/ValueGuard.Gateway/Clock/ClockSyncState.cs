namespace ValueGuard.Gateway.Clock;

/// <summary>Whether the system says its clock is synchronised (NTP, PTP, a GPS): known yes, known no, or not reported.</summary>
public enum ClockSyncState
{
    Unknown,
    Synchronised,
    Unsynchronised,
}
