using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// A summary of a numeric signal: time-weighted average, minimum, maximum, sum, count, or a percentile
/// (nearest rank) of the samples taken inside the window.
/// </summary>
public sealed record AggregateKpi(SignalId Signal, AggregateFunction Function) : KpiDefinition
{
    public override string Kind => "aggregate";

    public override QuantityUnit Unit => QuantityUnit.Number;

    public override IReadOnlyList<SignalId> Inputs => [Signal];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var window = inputs.Window;
        var all = inputs.SamplesOf(Signal);
        var known = TimeSpan.Zero;
        double weighted = 0;
        foreach (var segment in inputs.HeldSegmentsOf(Signal))
        {
            known += segment.Length;
            weighted += segment.Value * segment.Length.TotalSeconds;
        }
        var inside = all.Where(s => window.Contains(s.Timestamp)).Select(s => s.Value).ToArray();
        var value = Function switch
        {
            AggregateFunction.Avg => known > TimeSpan.Zero ? weighted / known.TotalSeconds : double.NaN,
            AggregateFunction.Count => inside.Length,
            AggregateFunction.Sum => inside.Sum(),
            _ when inside.Length == 0 => double.NaN,
            AggregateFunction.Min => inside.Min(),
            AggregateFunction.Max => inside.Max(),
            AggregateFunction.P50 => Percentile(inside, 0.50),
            AggregateFunction.P95 => Percentile(inside, 0.95),
            _ => Percentile(inside, 0.99),
        };
        return new KpiResult(value, Unit, inputs.CoverageOf(known), window, inside.Length, InputsDigest.Compute(window, [all]));
    }

    private static double Percentile(double[] values, double p)
    {
        Array.Sort(values);
        var rank = (int)Math.Ceiling(p * values.Length);
        return values[Math.Clamp(rank, 1, values.Length) - 1];
    }

    public override string DescribeMethod() => Function switch
    {
        AggregateFunction.Avg => $"time-weighted average of {Signal} over the time its value is known",
        AggregateFunction.Count => $"number of samples of {Signal} taken in the window",
        AggregateFunction.Sum => $"sum of the samples of {Signal} taken in the window",
        AggregateFunction.Min or AggregateFunction.Max => $"{Function.ToString().ToLowerInvariant()} of the samples of {Signal} taken in the window",
        _ => $"{Function.ToString().ToLowerInvariant()} (nearest rank) of the samples of {Signal} taken in the window",
    };
}
