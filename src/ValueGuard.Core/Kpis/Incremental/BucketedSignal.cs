using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>
/// One signal's inputs for an incremental KPI, laid out by its <see cref="BucketPlan"/>: raw samples of
/// <c>[From - maxGap, HeadEnd)</c> and <c>[TailStart - maxGap, To)</c>, the summaries of the buckets in
/// between, and per excluded interval inside the window the raw samples of <c>[interval.From - maxGap, interval.To)</c>.
/// </summary>
public sealed record BucketedSignal(
    SignalId Signal,
    TimeSpan MaxGap,
    BucketPlan Plan,
    IReadOnlyList<Sample> Head,
    IReadOnlyList<BucketSummary> Buckets,
    IReadOnlyList<Sample> Tail,
    IReadOnlyList<ExcludedSamples> Excluded);
