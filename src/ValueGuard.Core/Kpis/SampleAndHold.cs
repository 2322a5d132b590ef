using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Turns samples into known stretches of time: each value holds until the next sample, but for at
/// most the signal's max gap; beyond that the time is unknown. Stretches are clipped to the window.
/// Lost time (samples accepted and then dropped) is unknown too: a value does not hold into it, a sample
/// inside it holds nothing, and the time after it stays unknown until the next sample after it.
/// </summary>
public static class SampleAndHold
{
    public static IEnumerable<HeldSegment> Segments(IReadOnlyList<Sample> samples, EvaluationWindow window, TimeSpan maxGap, IntervalSet? lost = null)
    {
        lost ??= IntervalSet.Empty;
        for (var i = 0; i < samples.Count; i++)
        {
            var start = samples[i].Timestamp;
            if (!lost.IsEmpty && lost.Contains(start)) continue;
            var holdUntil = start + maxGap;
            if (i + 1 < samples.Count && samples[i + 1].Timestamp < holdUntil) holdUntil = samples[i + 1].Timestamp;
            if (lost.NextStartAfter(start) is { } lossStart && lossStart < holdUntil) holdUntil = lossStart;
            var from = start > window.From ? start : window.From;
            var to = holdUntil < window.To ? holdUntil : window.To;
            if (to > from) yield return new HeldSegment(from, to, samples[i].Value);
        }
    }
}
