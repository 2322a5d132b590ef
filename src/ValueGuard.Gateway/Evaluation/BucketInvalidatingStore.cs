using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// A store that tells the evaluator's <see cref="BucketCache"/> which buckets a write changed (late and
/// out-of-order samples too), after the write is durable. Reads pass through.
/// </summary>
public sealed class BucketInvalidatingStore : ITimeSeriesStore, IAsyncDisposable
{
    private readonly ITimeSeriesStore inner;
    private readonly BucketCache buckets;

    public BucketInvalidatingStore(ITimeSeriesStore inner, BucketCache buckets)
    {
        this.inner = inner;
        this.buckets = buckets;
    }

    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(samples, cancellationToken).ConfigureAwait(false);
        var ranges = new Dictionary<SignalId, (DateTimeOffset From, DateTimeOffset To)>();
        foreach (var s in samples)
        {
            ranges[s.Signal] = ranges.TryGetValue(s.Signal, out var r)
                ? (s.Timestamp < r.From ? s.Timestamp : r.From, s.Timestamp > r.To ? s.Timestamp : r.To)
                : (s.Timestamp, s.Timestamp);
        }
        foreach (var (signal, range) in ranges) buckets.Invalidate(signal, range.From, range.To);
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAsync(signal, from, to, cancellationToken);

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken) =>
        inner.FirstTimestampAsync(signal, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asyncInner) await asyncInner.DisposeAsync().ConfigureAwait(false);
        else (inner as IDisposable)?.Dispose();
    }
}
