using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Tests.Spool;

/// <summary>A store that can be switched off like an InfluxDB across a broken network: writes then throw.</summary>
internal sealed class SwitchableStore(ITimeSeriesStore inner) : ITimeSeriesStore
{
    private volatile bool down;
    private int failedWrites;

    public bool Down
    {
        get => down;
        set => down = value;
    }

    public int FailedWrites => Volatile.Read(ref failedWrites);

    /// <summary>How many samples each successful write carried, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> WriteSizes { get; } = new();

    public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        if (!down)
        {
            WriteSizes.Enqueue(samples.Count);
            return inner.WriteAsync(samples, cancellationToken);
        }
        Interlocked.Increment(ref failedWrites);
        throw new IOException("store unreachable");
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAsync(signal, from, to, cancellationToken);
}
