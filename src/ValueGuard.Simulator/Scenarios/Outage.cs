namespace ValueGuard.Simulator.Scenarios;

/// <summary>A stretch during which a simulated machine is stopped.</summary>
public sealed record Outage(DateTimeOffset From, TimeSpan Length)
{
    public bool Covers(DateTimeOffset instant) => instant >= From && instant < From + Length;
}
