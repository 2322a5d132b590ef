using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Live;

/// <summary>A store that tells <see cref="LatestSamples"/> about every batch it has durably written.</summary>
public sealed class ObservedTimeSeriesStore : ITimeSeriesStore
{
    private readonly ITimeSeriesStore inner;
    private readonly LatestSamples latest;

    public ObservedTimeSeriesStore(ITimeSeriesStore inner, LatestSamples latest)
    {
        this.inner = inner;
        this.latest = latest;
    }

    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(samples, cancellationToken).ConfigureAwait(false);
        latest.Observe(samples);
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAsync(signal, from, to, cancellationToken);

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken) =>
        inner.FirstTimestampAsync(signal, cancellationToken);
}
