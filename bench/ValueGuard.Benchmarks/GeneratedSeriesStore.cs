using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Benchmarks;

/// <summary>
/// A store whose history is a formula: one sample per second per signal from <c>start</c> to
/// <c>historyEnd</c>, computed when read (130 million samples would not fit in memory as objects),
/// plus the samples written after <c>historyEnd</c>, kept in memory.
/// </summary>
internal sealed class GeneratedSeriesStore : ITimeSeriesStore
{
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset historyEnd;
    private readonly Func<SignalId, long, double> valueAt;
    private readonly Dictionary<SignalId, List<Sample>> written = [];
    private readonly Lock gate = new();

    public GeneratedSeriesStore(DateTimeOffset start, DateTimeOffset historyEnd, Func<SignalId, long, double> valueAt)
    {
        this.start = start;
        this.historyEnd = historyEnd;
        this.valueAt = valueAt;
    }

    public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var s in samples)
            {
                if (s.Timestamp < historyEnd) throw new ArgumentException("The generated history cannot be rewritten.", nameof(samples));
                if (!written.TryGetValue(s.Signal, out var list)) written[s.Signal] = list = [];
                if (list.Count > 0 && list[^1].Timestamp >= s.Timestamp) throw new ArgumentException("Write new samples in time order.", nameof(samples));
                list.Add(s);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = Math.Max(0, (long)Math.Ceiling((from - start).TotalSeconds));
        var end = Math.Min((long)(historyEnd - start).TotalSeconds, (long)Math.Ceiling((to - start).TotalSeconds));
        var result = new List<Sample>((int)Math.Max(0, end - first) + 64);
        for (var s = first; s < end; s++) result.Add(new Sample(signal, start.AddSeconds(s), valueAt(signal, s)));
        lock (gate)
        {
            if (written.TryGetValue(signal, out var list))
                result.AddRange(list.Where(x => x.Timestamp >= from && x.Timestamp < to));
        }
        return Task.FromResult<IReadOnlyList<Sample>>(result);
    }

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(start);
}
