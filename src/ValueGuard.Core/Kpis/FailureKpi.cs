using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Stops of a machine from its state signal: a stop begins where a known up stretch is followed by a
/// down one. Count, MTBF (up time ÷ stops) or MTTR (down time ÷ stops). With no stop, MTBF is the up time
/// seen (a lower bound) and MTTR has no value. Excluded time counts as neither up nor down.
/// </summary>
public sealed record FailureKpi(SignalId Signal, double DownValue, FailureMeasure Measure) : KpiDefinition
{
    public override string Kind => Measure switch
    {
        FailureMeasure.Count => "events",
        FailureMeasure.Mtbf => "mtbf",
        _ => "mttr",
    };

    public override QuantityUnit Unit => Measure == FailureMeasure.Count ? QuantityUnit.Number : QuantityUnit.Duration;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override bool HonoursExclusions => true;

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var samples = inputs.SamplesOf(Signal);
        var up = TimeSpan.Zero;
        var down = TimeSpan.Zero;
        var known = TimeSpan.Zero;
        var stops = 0;
        var used = 0;
        bool? wasDown = null;
        var lastEnd = DateTimeOffset.MinValue;
        foreach (var segment in inputs.HeldSegmentsOf(Signal))
        {
            used++;
            var counted = segment.Length - inputs.Excluded.Overlap(segment.From, segment.To);
            var isDown = segment.Value == DownValue;
            // Unknown time between segments breaks the chain: a stop after a gap is not counted as a new failure.
            if (segment.From != lastEnd) wasDown = null;
            if (isDown && wasDown == false) stops++;
            wasDown = isDown;
            lastEnd = segment.To;
            known += counted;
            if (isDown) down += counted;
            else up += counted;
        }
        var value = Measure switch
        {
            FailureMeasure.Count => stops,
            FailureMeasure.Mtbf => stops > 0 ? up.TotalSeconds / stops : up.TotalSeconds,
            _ => stops > 0 ? down.TotalSeconds / stops : double.NaN,
        };
        return new KpiResult(value, Unit, inputs.CoverageOf(known), inputs.Window, used, InputsDigest.Compute(inputs.Window, [samples]));
    }

    public override string DescribeMethod() => Measure switch
    {
        FailureMeasure.Count => $"number of stops of {Signal} (a known up stretch followed by down = {DownValue}) in the window",
        FailureMeasure.Mtbf => $"up time of {Signal} divided by its number of stops; with no stop, the up time seen",
        _ => $"down time of {Signal} divided by its number of stops",
    };
}
