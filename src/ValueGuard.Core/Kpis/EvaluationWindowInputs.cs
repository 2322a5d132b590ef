using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// The samples a KPI may read for one window: per input signal, ordered by time, including
/// samples up to the signal's max gap before the window (they may still hold into it).
/// </summary>
public sealed class EvaluationWindowInputs
{
    private readonly IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples;
    private readonly ISignalCatalog catalog;

    public EvaluationWindowInputs(EvaluationWindow window, IReadOnlyDictionary<SignalId, IReadOnlyList<Sample>> samples, ISignalCatalog catalog)
    {
        Window = window;
        this.samples = samples;
        this.catalog = catalog;
    }

    public EvaluationWindow Window { get; }

    public IReadOnlyList<Sample> SamplesOf(SignalId id) =>
        samples.TryGetValue(id, out var list) ? list : [];

    public TimeSpan MaxGapOf(SignalId id) =>
        catalog.TryGet(id, out var spec) ? spec.MaxGap : SignalSpec.DefaultMaxGap;
}
