using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// How long a signal was known in a window, and how much of that it held one given value; excluded
/// time counts as neither.
/// </summary>
public readonly record struct StateTime(TimeSpan Known, TimeSpan InState, int SamplesUsed)
{
    public static StateTime Measure(EvaluationWindowInputs inputs, SignalId signal, double state)
    {
        var known = TimeSpan.Zero;
        var inState = TimeSpan.Zero;
        var used = 0;
        foreach (var segment in inputs.HeldSegmentsOf(signal))
        {
            used++;
            var counted = segment.Length - inputs.Excluded.Overlap(segment.From, segment.To);
            known += counted;
            if (segment.Value == state) inState += counted;
        }
        return new StateTime(known, inState, used);
    }
}
