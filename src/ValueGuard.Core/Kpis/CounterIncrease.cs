using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// The increase of a monotonic counter in a window: the sum of increases between consecutive samples
/// that end inside the window and are at most max gap apart (such a pair makes the time between them
/// known). A counter that goes down was reset; its new value counts as the increase. A pair that spans
/// lost time (samples accepted and then dropped) counts neither its increase nor its time. The increases are
/// summed per one-hour bucket of <see cref="BucketGrid"/> first and the bucket sums then in time order,
/// so a sum assembled from cached buckets is the same double as one computed from raw samples.
/// </summary>
public readonly record struct CounterIncrease(double Sum, TimeSpan Known, int SamplesUsed)
{
    public static CounterIncrease Measure(IReadOnlyList<Sample> samples, EvaluationWindow window, TimeSpan maxGap, IntervalSet? lost = null)
    {
        var accumulator = new CounterAccumulator();
        accumulator.AddPairs(samples, window.From, window.To, window.From, maxGap, lost ?? IntervalSet.Empty);
        return accumulator.Result();
    }

    public static CounterIncrease Measure(EvaluationWindowInputs inputs, SignalId signal) =>
        Measure(inputs.SamplesOf(signal), inputs.Window, inputs.MaxGapOf(signal), inputs.LostTimeOf(signal));
}
