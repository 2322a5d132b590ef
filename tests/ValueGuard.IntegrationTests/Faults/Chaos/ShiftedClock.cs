namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>The system clock moved by <see cref="Offset"/>, which a test changes while the gateway runs: a clock set by hand or stepped by NTP.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
