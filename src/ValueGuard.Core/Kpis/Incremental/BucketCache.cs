using System.Collections.Concurrent;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// Bucket summaries per signal, kept between evaluations. A sample written at an instant invalidates its
/// bucket and the following buckets its value can be held into (max gap); a summary computed from a read
/// that raced with such a write is not kept (per-signal version check), so the cache never holds stale data.
/// </summary>
public sealed class BucketCache
{
    private const int MaxRecentReads = 1024;
    private readonly ConcurrentDictionary<SignalId, SignalBuckets> signals = new();
    private readonly ConcurrentDictionary<(SignalId, long, long), (long Version, IReadOnlyList<Sample> Samples)> recentReads = new();

    /// <summary>How many bucket summaries are held.</summary>
    public int Count => signals.Values.Sum(s => s.Buckets.Count);

    /// <summary>Drops the buckets that samples of <c>[from, to]</c> can change.</summary>
    public void Invalidate(SignalId signal, DateTimeOffset from, DateTimeOffset to)
    {
        var buckets = signals.GetOrAdd(signal, _ => new SignalBuckets());
        lock (buckets)
        {
            buckets.Version++;
            var first = BucketGrid.IndexOf(from);
            var last = BucketGrid.IndexOf(to + (buckets.MaxGap > TimeSpan.Zero ? buckets.MaxGap : TimeSpan.Zero));
            if (last - first > buckets.Buckets.Count)
            {
                foreach (var key in buckets.Buckets.Keys.Where(k => k >= first && k <= last)) buckets.Buckets.TryRemove(key, out _);
                return;
            }
            for (var b = first; b <= last; b++) buckets.Buckets.TryRemove(b, out _);
        }
    }

    /// <summary>The version to pass to <see cref="Put"/> for a summary computed from a read started now.</summary>
    public long VersionOf(SignalId signal)
    {
        var buckets = signals.GetOrAdd(signal, _ => new SignalBuckets());
        lock (buckets) return buckets.Version;
    }

    public bool TryGet(SignalId signal, TimeSpan maxGap, long bucket, out BucketSummary summary)
    {
        summary = null!;
        return signals.TryGetValue(signal, out var buckets) && buckets.MaxGap == maxGap && buckets.Buckets.TryGetValue(bucket, out summary!);
    }

    /// <summary>Keeps a summary unless a write to the signal came in since <paramref name="version"/> was taken.</summary>
    public void Put(SignalId signal, TimeSpan maxGap, BucketSummary summary, long version)
    {
        var buckets = signals.GetOrAdd(signal, _ => new SignalBuckets());
        lock (buckets)
        {
            if (buckets.MaxGap != maxGap)
            {
                // The signal's max gap changed (a reloaded profile): summaries made with the old one are wrong.
                buckets.Buckets.Clear();
                buckets.MaxGap = maxGap;
            }
            if (buckets.Version != version) return;
            buckets.Buckets[summary.Bucket] = summary;
        }
    }

    /// <summary>
    /// A raw read of <c>[from, to)</c> made since the signal's last write: clauses over the same signal that end
    /// at the same instant share their window's edge, and burn-rate windows share their clause's.
    /// </summary>
    public bool TryGetRead(SignalId signal, DateTimeOffset from, DateTimeOffset to, out IReadOnlyList<Sample> samples)
    {
        samples = [];
        if (!recentReads.TryGetValue((signal, from.UtcTicks, to.UtcTicks), out var read) || read.Version != VersionOf(signal)) return false;
        samples = read.Samples;
        return true;
    }

    /// <summary>Keeps a raw read for <see cref="TryGetRead"/>; <paramref name="version"/> taken before the read, as for <see cref="Put"/>.</summary>
    public void PutRead(SignalId signal, DateTimeOffset from, DateTimeOffset to, long version, IReadOnlyList<Sample> samples)
    {
        if (recentReads.Count >= MaxRecentReads) recentReads.Clear();
        recentReads[(signal, from.UtcTicks, to.UtcTicks)] = (version, samples);
    }

    private sealed class SignalBuckets
    {
        public readonly ConcurrentDictionary<long, BucketSummary> Buckets = new();
        public long Version;
        public TimeSpan MaxGap = TimeSpan.MinValue;
    }
}
