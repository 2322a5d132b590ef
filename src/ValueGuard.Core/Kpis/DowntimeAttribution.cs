using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Where a window's time went for a clause that measures a state signal (availability, downtime):
/// up, unplanned down, excluded as planned maintenance, and unknown because the data is missing. The
/// four add up to the window's length. Planned time is never down time, even when the machine stood still.
/// </summary>
public readonly record struct DowntimeAttribution(TimeSpan Up, TimeSpan UnplannedDown, TimeSpan PlannedExcluded, TimeSpan DataMissing)
{
    /// <summary>The attribution for a state-based KPI, or null for a KPI that does not measure one state signal.</summary>
    public static DowntimeAttribution? For(KpiDefinition kpi, EvaluationWindowInputs inputs) => kpi switch
    {
        AvailabilityKpi a => Measure(inputs, a.Signal, v => v != a.UpValue),
        DowntimeKpi d => Measure(inputs, d.Signal, v => v == d.DownValue),
        _ => null,
    };

    public static DowntimeAttribution Measure(EvaluationWindowInputs inputs, SignalId signal, Func<double, bool> isDown)
    {
        var up = TimeSpan.Zero;
        var down = TimeSpan.Zero;
        foreach (var segment in SampleAndHold.Segments(inputs.SamplesOf(signal), inputs.Window, inputs.MaxGapOf(signal)))
        {
            var counted = segment.Length - inputs.Excluded.Overlap(segment.From, segment.To);
            if (isDown(segment.Value)) down += counted;
            else up += counted;
        }
        var planned = inputs.Excluded.Overlap(inputs.Window.From, inputs.Window.To);
        var missing = inputs.CountedLength - up - down;
        return new DowntimeAttribution(up, down, planned, missing < TimeSpan.Zero ? TimeSpan.Zero : missing);
    }
}
