using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;

namespace ValueGuard.Storage.Spool;

/// <summary>Sums up dropped spool records per signal (count and time span) into a <see cref="DataLossNotice"/>.</summary>
internal sealed class SpoolLossBuilder(string reason, SpoolFullPolicy policy)
{
    private readonly Dictionary<SignalId, (long Count, DateTimeOffset From, DateTimeOffset To)> signals = [];
    private long records;
    private long samples;

    public bool IsEmpty => records == 0;

    public void Add(IReadOnlyList<Sample> batch)
    {
        records++;
        foreach (var s in batch)
        {
            samples++;
            signals[s.Signal] = signals.TryGetValue(s.Signal, out var known)
                ? (known.Count + 1, s.Timestamp < known.From ? s.Timestamp : known.From, s.Timestamp > known.To ? s.Timestamp : known.To)
                : (1, s.Timestamp, s.Timestamp);
        }
    }

    public DataLossNotice Build() => new("spool", reason, policy.Name(), records, samples,
        [.. signals.OrderBy(p => p.Key).Select(p => new SignalLoss(p.Key, p.Value.Count, p.Value.From, p.Value.To))]);
}
