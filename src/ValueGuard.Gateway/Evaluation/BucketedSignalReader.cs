using ValueGuard.Core.Kpis;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Gathers one signal's inputs for an incremental KPI: raw samples at the window's edges and excluded
/// intervals from the store, whole buckets from the cache; buckets missing from it (first use, or
/// invalidated by a write) are read in runs, summarised and kept.
/// </summary>
internal static class BucketedSignalReader
{
    private const int MaxBucketsPerRead = 24;

    public static async Task<BucketedSignal> ReadAsync(ITimeSeriesStore store, BucketCache cache, SignalId signal, TimeSpan maxGap,
        EvaluationWindow window, IntervalSet excluded, CancellationToken ct)
    {
        var plan = BucketPlan.For(window, maxGap);
        var head = await ReadEdgeAsync(store, cache, signal, window.From - maxGap, plan.HeadEnd, ct).ConfigureAwait(false);
        var tail = plan.TailStart < window.To ? await ReadEdgeAsync(store, cache, signal, plan.TailStart - maxGap, window.To, ct).ConfigureAwait(false) : [];
        var summaries = new BucketSummary[plan.BucketCount];
        var i = 0;
        while (i < summaries.Length)
        {
            if (cache.TryGet(signal, maxGap, plan.FirstBucket + i, out summaries[i]))
            {
                i++;
                continue;
            }
            var run = 1;
            while (i + run < summaries.Length && run < MaxBucketsPerRead && !cache.TryGet(signal, maxGap, plan.FirstBucket + i + run, out _)) run++;
            await SummariseAsync(store, cache, signal, maxGap, plan.FirstBucket + i, summaries.AsMemory(i, run), ct).ConfigureAwait(false);
            i += run;
        }
        var gone = new List<ExcludedSamples>();
        foreach (var interval in excluded.Intervals)
        {
            var from = interval.From > window.From ? interval.From : window.From;
            var to = interval.To < window.To ? interval.To : window.To;
            if (to <= from) continue;
            gone.Add(new ExcludedSamples(new TimeInterval(from, to), await store.ReadAsync(signal, from - maxGap, to, ct).ConfigureAwait(false)));
        }
        return new BucketedSignal(signal, maxGap, plan, head, summaries, tail, gone);
    }

    private static async Task<IReadOnlyList<Sample>> ReadEdgeAsync(ITimeSeriesStore store, BucketCache cache, SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (cache.TryGetRead(signal, from, to, out var known)) return known;
        var version = cache.VersionOf(signal);
        var samples = await store.ReadAsync(signal, from, to, ct).ConfigureAwait(false);
        cache.PutRead(signal, from, to, version, samples);
        return samples;
    }

    private static async Task SummariseAsync(ITimeSeriesStore store, BucketCache cache, SignalId signal, TimeSpan maxGap, long first, Memory<BucketSummary> into, CancellationToken ct)
    {
        var version = cache.VersionOf(signal);
        var from = BucketGrid.StartOf(first);
        var samples = await store.ReadAsync(signal, from - maxGap, BucketGrid.StartOf(first + into.Length), ct).ConfigureAwait(false);
        for (var k = 0; k < into.Length; k++)
        {
            var start = BucketGrid.StartOf(first + k);
            var summary = BucketSummary.Of(first + k, Slice(samples, start - maxGap, start + BucketGrid.Width), maxGap);
            into.Span[k] = summary;
            cache.Put(signal, maxGap, summary, version);
        }
    }

    private static Sample[] Slice(IReadOnlyList<Sample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        var start = LowerBound(samples, from);
        var end = LowerBound(samples, to);
        var slice = new Sample[end - start];
        for (var i = start; i < end; i++) slice[i - start] = samples[i];
        return slice;
    }

    private static int LowerBound(IReadOnlyList<Sample> samples, DateTimeOffset value)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (samples[mid].Timestamp < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
