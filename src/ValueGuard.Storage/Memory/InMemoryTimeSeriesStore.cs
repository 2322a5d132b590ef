using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Memory;

/// <summary>
/// A store held in memory, for evaluating a CSV or a test. Same rules as the others: one sample per
/// signal and timestamp (the last written wins), reads ordered by time.
/// </summary>
public sealed class InMemoryTimeSeriesStore : ITimeSeriesStore
{
    private readonly Dictionary<SignalId, SortedList<DateTimeOffset, double>> series = [];
    private readonly Lock gate = new();

    public IReadOnlyCollection<SignalId> Signals
    {
        get { lock (gate) return [.. series.Keys]; }
    }

    public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var s in samples)
            {
                if (!series.TryGetValue(s.Signal, out var list)) series[s.Signal] = list = [];
                list[s.Timestamp.ToUniversalTime()] = s.Value;
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!series.TryGetValue(signal, out var list)) return Task.FromResult<IReadOnlyList<Sample>>([]);
            var keys = list.Keys;
            var start = LowerBound(keys, from);
            var result = new List<Sample>();
            for (var i = start; i < keys.Count && keys[i] < to; i++) result.Add(new Sample(signal, keys[i], list.Values[i]));
            return Task.FromResult<IReadOnlyList<Sample>>(result);
        }
    }

    public Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult<DateTimeOffset?>(series.TryGetValue(signal, out var list) && list.Count > 0 ? list.Keys[0] : null);
    }

    /// <summary>The latest timestamp of any sample, or null when empty.</summary>
    public DateTimeOffset? Last
    {
        get
        {
            lock (gate) return series.Values.Where(l => l.Count > 0).Select(l => (DateTimeOffset?)l.Keys[^1]).Max();
        }
    }

    private static int LowerBound(IList<DateTimeOffset> keys, DateTimeOffset value)
    {
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
