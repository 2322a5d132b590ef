using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// The samples a KPI may read for one window: per input signal, ordered by time, including
/// samples up to the signal's max gap before the window (they may still hold into it), and the
/// excluded time (planned maintenance) inside the window, and the time whose samples were lost.
/// </summary>
public sealed class EvaluationWindowInputs
{
    private readonly IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples;
    private readonly ISignalCatalog catalog;

    private readonly LostTime? lost;

    public EvaluationWindowInputs(EvaluationWindow window, IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples, ISignalCatalog catalog, IntervalSet? excluded = null, LostTime? lost = null)
    {
        Window = window;
        this.samples = samples;
        this.catalog = catalog;
        Excluded = excluded ?? IntervalSet.Empty;
        this.lost = lost;
    }

    public EvaluationWindow Window { get; }

    /// <summary>Time inside the window that does not count (neither up, down nor unknown).</summary>
    public IntervalSet Excluded { get; }

    /// <summary>The window's length less its excluded time: the time coverage is measured against.</summary>
    public TimeSpan CountedLength => Window.Length - Excluded.Overlap(Window.From, Window.To);

    /// <summary>Known time as a share of the counted window time.</summary>
    public double CoverageOf(TimeSpan known) => CountedLength > TimeSpan.Zero ? Math.Min(1, known / CountedLength) : 0;

    public IReadOnlyList<Sample> SamplesOf(SignalId id) =>
        samples.TryGetValue(id, out var list) ? list : [];

    /// <summary>Time whose samples of the signal were accepted and then dropped: unknown, never bridged.</summary>
    public IntervalSet LostTimeOf(SignalId id) => lost?.Of(id) ?? IntervalSet.Empty;

    /// <summary>How much of the given lost time lies in the window and is not excluded.</summary>
    public TimeSpan CountedLostTime(IntervalSet lostTime)
    {
        var total = TimeSpan.Zero;
        foreach (var i in lostTime.Intervals)
        {
            var from = i.From > Window.From ? i.From : Window.From;
            var to = i.To < Window.To ? i.To : Window.To;
            if (to > from) total += to - from - Excluded.Overlap(from, to);
        }
        return total;
    }

    /// <summary>The signal's known stretches in the window (sample and hold, stopped by lost time).</summary>
    public IEnumerable<HeldSegment> HeldSegmentsOf(SignalId id) => SampleAndHold.Segments(SamplesOf(id), Window, MaxGapOf(id), LostTimeOf(id));

    public IEnumerable<SignalId> SignalsOfDevice(string device) => catalog.SignalsOf(device).Select(s => s.Id);

    public TimeSpan MaxGapOf(SignalId id) =>
        catalog.TryGet(id, out var spec) ? spec.MaxGap : SignalSpec.DefaultMaxGap;
}
