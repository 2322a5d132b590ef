using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// What the incremental KPIs need from one one-hour bucket of one signal, computed once from its raw samples
/// (and the sample held into it): held time in total and per value (for state signals with at most
/// <see cref="MaxStates"/> values), counter increases of the pairs ending in it, its sample and true-flag
/// counts, and the digest chunk of its samples.
/// </summary>
public sealed record BucketSummary(
    long Bucket,
    int Count,
    int TrueCount,
    DigestChunk? Chunk,
    long HeldKnownTicks,
    IReadOnlyDictionary<double, long>? HeldTicksByValue,
    double CounterSum,
    long CounterKnownTicks,
    int CounterPairs)
{
    /// <summary>Beyond this many distinct values a signal is not a state signal; its held time per value is not kept.</summary>
    public const int MaxStates = 8;

    /// <summary>Summarises bucket <paramref name="bucket"/> from every sample of <c>[start - maxGap, end)</c>, in time order.</summary>
    public static BucketSummary Of(long bucket, IReadOnlyList<Sample> samples, TimeSpan maxGap)
    {
        var from = BucketGrid.StartOf(bucket);
        var to = from + BucketGrid.Width;
        long known = 0;
        Dictionary<double, long>? byValue = [];
        var first = -1;
        int count = 0, trueCount = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var start = samples[i].Timestamp;
            if (start >= to) break;
            if (start >= from)
            {
                if (first < 0) first = i;
                count++;
                if (samples[i].Value != 0) trueCount++;
            }
            var holdUntil = start + maxGap;
            if (i + 1 < samples.Count && samples[i + 1].Timestamp < holdUntil) holdUntil = samples[i + 1].Timestamp;
            var a = start > from ? start : from;
            var b = holdUntil < to ? holdUntil : to;
            if (b <= a) continue;
            known += (b - a).Ticks;
            if (byValue is null) continue;
            byValue[samples[i].Value] = byValue.GetValueOrDefault(samples[i].Value) + (b - a).Ticks;
            if (byValue.Count > MaxStates) byValue = null;
        }
        var counter = new CounterAccumulator();
        counter.AddPairs(samples, from, to, DateTimeOffset.MinValue, maxGap);
        var increase = counter.Result();
        var chunk = count > 0 ? InputsDigest.ChunkOf(samples, first, count) : null;
        return new BucketSummary(bucket, count, trueCount, chunk, known, byValue, increase.Sum, increase.Known.Ticks, increase.SamplesUsed);
    }

    /// <summary>Held time at <paramref name="state"/>, or null when the bucket holds too many distinct values to say.</summary>
    public long? HeldTicksAt(double state) =>
        HeldTicksByValue is null ? null : double.IsNaN(state) ? 0 : HeldTicksByValue.GetValueOrDefault(state);
}
