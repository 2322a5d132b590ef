using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Evidence;

/// <summary>
/// The time per signal for which samples were accepted and then lost (from data-loss notices). KPIs treat
/// it as unknown: a held value does not bridge it. Safe to add to while evaluations read it.
/// </summary>
public sealed class LostTime
{
    private readonly Lock gate = new();
    private readonly Dictionary<SignalId, List<TimeInterval>> bySignal = [];
    private readonly Dictionary<SignalId, IntervalSet> merged = [];

    public bool IsEmpty
    {
        get { lock (gate) return bySignal.Count == 0; }
    }

    /// <summary>Adds every signal's lost span of a notice; a span covers its last sample too.</summary>
    public void Add(DataLossNotice notice)
    {
        lock (gate)
        {
            foreach (var loss in notice.Signals)
            {
                if (!bySignal.TryGetValue(loss.Signal, out var list)) bySignal[loss.Signal] = list = [];
                list.Add(new TimeInterval(loss.From, loss.To.AddTicks(1)));
                merged.Remove(loss.Signal);
            }
        }
    }

    /// <summary>The lost time of one signal; empty when nothing of it was lost.</summary>
    public IntervalSet Of(SignalId signal)
    {
        lock (gate)
        {
            if (merged.TryGetValue(signal, out var set)) return set;
            if (!bySignal.TryGetValue(signal, out var list)) return IntervalSet.Empty;
            return merged[signal] = new IntervalSet(list);
        }
    }
}
