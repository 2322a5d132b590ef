using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Ingest.Serial.Tests.Fakes;

/// <summary>A store that keeps samples in a list; <see cref="Fail"/> makes writes throw like a broken disk.</summary>
internal sealed class MemoryStore : ITimeSeriesStore
{
    private readonly List<Sample> samples = [];

    public bool Fail { get; set; }

    public IReadOnlyList<Sample> Samples
    {
        get { lock (samples) return [.. samples]; }
    }

    public Task WriteAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken)
    {
        if (Fail) throw new IOException("disk full");
        lock (samples) samples.AddRange(batch);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (samples) return Task.FromResult<IReadOnlyList<Sample>>([.. samples.Where(s => s.Signal == signal && s.Timestamp >= from && s.Timestamp < to)]);
    }
}
