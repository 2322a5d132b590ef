using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>How long a signal was known in a window, and how much of that it held one given value.</summary>
public readonly record struct StateTime(TimeSpan Known, TimeSpan InState, int SamplesUsed)
{
    public static StateTime Measure(EvaluationWindowInputs inputs, SignalId signal, double state)
    {
        var known = TimeSpan.Zero;
        var inState = TimeSpan.Zero;
        var used = 0;
        foreach (var segment in SampleAndHold.Segments(inputs.SamplesOf(signal), inputs.Window, inputs.MaxGapOf(signal)))
        {
            used++;
            known += segment.Length;
            if (segment.Value == state) inState += segment.Length;
        }
        return new StateTime(known, inState, used);
    }

    /// <summary>Known time as a share of the window.</summary>
    public double Coverage(TimeSpan window) => window > TimeSpan.Zero ? Known / window : 0;
}
