using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis.Incremental;

/// <summary>The raw samples behind one excluded interval of a window (see <see cref="BucketedSignal"/>).</summary>
public sealed record ExcludedSamples(TimeInterval Interval, IReadOnlyList<Sample> Samples);
