using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// Digest chunks of a raw edge read, remembered per list instance: windows that share an edge read (clauses
/// on one signal ending at the same instant, a clause and its burn-rate windows) hash its samples once.
/// Lists handed to <see cref="BucketedKpi"/> must not change afterwards; store reads never do.
/// </summary>
internal static class EdgeChunks
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Sample>, ConcurrentDictionary<long, DigestChunk[]>> Known = [];

    /// <summary>The chunks of the samples at or after <paramref name="from"/>.</summary>
    public static DigestChunk[] From(IReadOnlyList<Sample> samples, DateTimeOffset from)
    {
        if (samples.Count == 0) return [];
        var byStart = Known.GetValue(samples, _ => new ConcurrentDictionary<long, DigestChunk[]>());
        return byStart.GetOrAdd(from.UtcTicks, _ => [.. InputsDigest.ChunksOf(samples[0].Timestamp >= from ? samples : [.. samples.Where(s => s.Timestamp >= from)])]);
    }
}
