namespace ValueGuard.Core.Kpis;

/// <summary>
/// The fixed grid of one-hour UTC buckets that the inputs digest and counter sums are grouped by, so a
/// window's result can be assembled from cached per-bucket parts and still equal the computation from
/// raw samples bit for bit.
/// </summary>
public static class BucketGrid
{
    public static readonly TimeSpan Width = TimeSpan.FromHours(1);

    public static long IndexOf(DateTimeOffset instant) => Math.DivRem(instant.UtcTicks, Width.Ticks, out var rest) - (rest < 0 ? 1 : 0);

    public static DateTimeOffset StartOf(long index) => new(index * Width.Ticks, TimeSpan.Zero);

    /// <summary>The first bucket boundary at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var start = StartOf(IndexOf(instant));
        return start == instant ? start : start + Width;
    }

    /// <summary>The last bucket boundary at or before <paramref name="instant"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant) => StartOf(IndexOf(instant));
}
