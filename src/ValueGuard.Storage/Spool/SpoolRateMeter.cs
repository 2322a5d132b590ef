namespace ValueGuard.Storage.Spool;

/// <summary>
/// Turns successive <see cref="SpoolHealth"/> readings into rates over a sliding window: samples and bytes
/// appended and forwarded per second, and the projected time until the spool is full at the current net
/// growth. Not thread-safe; one reader (the status writer) observes it.
/// </summary>
public sealed class SpoolRateMeter(TimeSpan window)
{
    private readonly Queue<SpoolHealth> readings = new();

    public SpoolRateMeter() : this(TimeSpan.FromMinutes(1)) { }

    /// <summary>Adds a reading and returns the rates between the oldest reading still inside the window and it.</summary>
    public SpoolRates Observe(SpoolHealth now)
    {
        readings.Enqueue(now);
        // Keep one reading at or beyond the window's start so the rates span the whole window.
        while (readings.Count > 2 && now.At - readings.ElementAt(1).At >= window) readings.Dequeue();
        var first = readings.Peek();
        var over = now.At - first.At;
        if (over <= TimeSpan.Zero) return new SpoolRates(TimeSpan.Zero, 0, 0, 0, 0, null);
        var seconds = over.TotalSeconds;
        var ingestBytes = (now.AppendedBytes - first.AppendedBytes) / seconds;
        var drainBytes = (now.ForwardedBytes - first.ForwardedBytes) / seconds;
        var growth = ingestBytes - drainBytes;
        TimeSpan? untilFull = growth > 0 ? TimeSpan.FromSeconds(Math.Max(0, now.MaxBytes - now.SizeBytes) / growth) : null;
        return new SpoolRates(over,
            (now.AppendedSamples - first.AppendedSamples) / seconds,
            (now.ForwardedSamples - first.ForwardedSamples) / seconds,
            ingestBytes, drainBytes, untilFull);
    }
}
