using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// The samples a KPI may read for one window: per input signal, ordered by time, including
/// samples up to the signal's max gap before the window (they may still hold into it), and the
/// excluded time (planned maintenance) inside the window.
/// </summary>
public sealed class EvaluationWindowInputs
{
    private readonly IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples;
    private readonly ISignalCatalog catalog;

    public EvaluationWindowInputs(EvaluationWindow window, IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples, ISignalCatalog catalog, IntervalSet? excluded = null)
    {
        Window = window;
        this.samples = samples;
        this.catalog = catalog;
        Excluded = excluded ?? IntervalSet.Empty;
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

    public IEnumerable<SignalId> SignalsOfDevice(string device) => catalog.SignalsOf(device).Select(s => s.Id);

    public TimeSpan MaxGapOf(SignalId id) =>
        catalog.TryGet(id, out var spec) ? spec.MaxGap : SignalSpec.DefaultMaxGap;
}
