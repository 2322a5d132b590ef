using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Tests.Buffering;

/// <summary>A store that can be switched off like an InfluxDB across a broken network: writes then throw.</summary>
internal sealed class SwitchableStore(ITimeSeriesStore inner) : ITimeSeriesStore
{
    private volatile bool down;

    public bool Down
    {
        get => down;
        set => down = value;
    }

    public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken) =>
        down ? throw new IOException("store unreachable") : inner.WriteAsync(samples, cancellationToken);

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAsync(signal, from, to, cancellationToken);
}
