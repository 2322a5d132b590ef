using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// How a window is split for incremental evaluation: a head <c>[From, HeadEnd)</c> and a tail
/// <c>[TailStart, To)</c> computed from raw samples, and whole buckets in between taken from the cache.
/// The head reaches at least max gap into the window, so every counter pair ending in a cached bucket
/// starts inside the window and every value held into one was sampled inside it or just before.
/// </summary>
public readonly record struct BucketPlan(EvaluationWindow Window, DateTimeOffset HeadEnd, DateTimeOffset TailStart)
{
    public static BucketPlan For(EvaluationWindow window, TimeSpan maxGap)
    {
        var headEnd = BucketGrid.Ceiling(window.From + maxGap);
        if (headEnd > window.To) headEnd = window.To;
        var tailStart = BucketGrid.Floor(window.To);
        if (tailStart < headEnd) tailStart = headEnd;
        return new BucketPlan(window, headEnd, tailStart);
    }

    public long FirstBucket => BucketGrid.IndexOf(HeadEnd);

    /// <summary>How many whole buckets lie between head and tail.</summary>
    public int BucketCount => TailStart > HeadEnd ? (int)(BucketGrid.IndexOf(TailStart) - BucketGrid.IndexOf(HeadEnd)) : 0;
}
