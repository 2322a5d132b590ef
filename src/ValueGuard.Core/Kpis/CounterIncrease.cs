using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// The increase of a monotonic counter in a window: the sum of increases between consecutive samples
/// that end inside the window and are at most max gap apart (such a pair makes the time between them
/// known). A counter that goes down was reset; its new value counts as the increase. A pair that spans
/// lost time (samples accepted and then dropped) counts neither its increase nor its time.
/// </summary>
public readonly record struct CounterIncrease(double Sum, TimeSpan Known, int SamplesUsed)
{
    public static CounterIncrease Measure(IReadOnlyList<Sample> samples, EvaluationWindow window, TimeSpan maxGap, IntervalSet? lost = null)
    {
        lost ??= IntervalSet.Empty;
        double sum = 0;
        var known = TimeSpan.Zero;
        var used = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            var previous = samples[i - 1];
            var current = samples[i];
            if (!window.Contains(current.Timestamp)) continue;
            if (current.Timestamp - previous.Timestamp > maxGap) continue;
            if (!lost.IsEmpty && (lost.Contains(current.Timestamp) || lost.Overlap(previous.Timestamp, current.Timestamp) > TimeSpan.Zero)) continue;
            sum += current.Value >= previous.Value ? current.Value - previous.Value : current.Value;
            used++;
            var from = previous.Timestamp > window.From ? previous.Timestamp : window.From;
            known += current.Timestamp - from;
        }
        return new CounterIncrease(sum, known, used);
    }

    public static CounterIncrease Measure(EvaluationWindowInputs inputs, SignalId signal) =>
        Measure(inputs.SamplesOf(signal), inputs.Window, inputs.MaxGapOf(signal), inputs.LostTimeOf(signal));
}
