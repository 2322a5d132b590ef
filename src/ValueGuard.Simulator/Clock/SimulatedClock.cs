namespace ValueGuard.Simulator.Clock;

/// <summary>
/// A clock that only moves when told to, so a month of plant time can run in seconds.
/// Timers created on it fire as <see cref="AdvanceTo"/> passes their due time.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<SimulatedTimer> timers = [];
    private DateTimeOffset now;

    public SimulatedClock(DateTimeOffset start)
    {
        now = start.ToUniversalTime();
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void AdvanceTo(DateTimeOffset instant)
    {
        List<SimulatedTimer> due;
        lock (gate)
        {
            if (instant < now) throw new ArgumentOutOfRangeException(nameof(instant), "A simulated clock does not run backwards.");
            now = instant.ToUniversalTime();
            due = timers.Where(t => t.DueAt is { } at && at <= now).ToList();
        }
        foreach (var t in due) t.Fire(now);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SimulatedTimer(this, callback, state);
        lock (gate) timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(SimulatedTimer timer)
    {
        lock (gate) timers.Remove(timer);
    }

    private sealed class SimulatedTimer(SimulatedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            return true;
        }

        public void Fire(DateTimeOffset at)
        {
            DueAt = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : at + period;
            callback(state);
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
