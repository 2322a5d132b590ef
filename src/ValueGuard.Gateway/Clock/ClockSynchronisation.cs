namespace ValueGuard.Gateway.Clock;

/// <summary>One reading of the system's clock synchronisation: the state, where it was read (<c>adjtimex</c>) and what the source said.</summary>
public sealed record ClockSynchronisation(ClockSyncState State, string Source, string Detail)
{
    public static ClockSynchronisation NotReported(string why) => new(ClockSyncState.Unknown, "none", why);
}
