using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Sums counter increases in time order, bucket by bucket: from raw sample pairs or from whole cached
/// buckets. Both feed the same bucket-then-total summation, which keeps the double sum exact across paths.
/// </summary>
internal sealed class CounterAccumulator
{
    private double total;
    private double bucketSum;
    private long bucket = long.MinValue;
    private long knownTicks;
    private int used;

    /// <summary>
    /// Adds the pairs whose later sample lies in <c>[from, to)</c>; <paramref name="samples"/> holds every
    /// sample from <c>from - maxGap</c> on. Known time is counted from <paramref name="clipFrom"/> (the window start) at the earliest.
    /// A pair that touches <paramref name="lost"/> time counts neither its increase nor its time.
    /// </summary>
    public void AddPairs(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to, DateTimeOffset clipFrom, TimeSpan maxGap, IntervalSet? lost = null)
    {
        lost ??= IntervalSet.Empty;
        for (var i = 1; i < samples.Count; i++)
        {
            var previous = samples[i - 1];
            var current = samples[i];
            if (current.Timestamp < from || current.Timestamp >= to) continue;
            if (current.Timestamp - previous.Timestamp > maxGap) continue;
            if (!lost.IsEmpty && (lost.Contains(current.Timestamp) || lost.Overlap(previous.Timestamp, current.Timestamp) > TimeSpan.Zero)) continue;
            var index = BucketGrid.IndexOf(current.Timestamp);
            if (index != bucket) Flush(index);
            bucketSum += current.Value >= previous.Value ? current.Value - previous.Value : current.Value;
            used++;
            var start = previous.Timestamp > clipFrom ? previous.Timestamp : clipFrom;
            knownTicks += (current.Timestamp - start).Ticks;
        }
    }

    /// <summary>Adds a whole bucket summarised earlier (its pairs all start inside the window).</summary>
    public void AddBucket(double sum, long known, int pairs)
    {
        Flush(long.MinValue);
        total += sum;
        knownTicks += known;
        used += pairs;
    }

    public CounterIncrease Result()
    {
        Flush(long.MinValue);
        return new CounterIncrease(total, TimeSpan.FromTicks(knownTicks), used);
    }

    private void Flush(long next)
    {
        if (bucket != long.MinValue) total += bucketSum;
        bucket = next;
        bucketSum = 0;
    }
}
