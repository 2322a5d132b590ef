namespace ValueGuard.Storage.Tests.Influx;

/// <summary>
/// A clock whose short timers (retry delays) fire at once and are recorded, so backoff is checked without
/// waiting; timers at or above <c>recordBelow</c> (per-attempt timeouts) run on the real clock.
/// </summary>
internal sealed class InstantDelays(TimeSpan recordBelow) : TimeProvider
{
    public List<TimeSpan> Delays { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime >= recordBelow || dueTime == Timeout.InfiniteTimeSpan) return System.CreateTimer(callback, state, dueTime, period);
        lock (Delays) Delays.Add(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
