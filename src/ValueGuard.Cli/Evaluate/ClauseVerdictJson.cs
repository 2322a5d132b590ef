using ValueGuard.Core.Contracts;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Verdicts;
using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Cli.Evaluate;

/// <summary>
/// One clause in <c>valueguard evaluate --format json</c>. <see cref="Value"/> is in <see cref="Unit"/>:
/// <c>ratio</c> (0..1, shown as a percentage), <c>seconds</c> or <c>number</c>; null when there is none.
/// </summary>
internal sealed record ClauseVerdictJson(
    string Clause,
    string Kpi,
    double? Value,
    string Unit,
    string Target,
    double Coverage,
    DateTimeOffset? WindowFrom,
    DateTimeOffset? WindowTo,
    string Verdict,
    int Samples,
    string? InputsSha256,
    string? Note,
    string? Forecast = null)
{
    public static ClauseVerdictJson Of(Clause clause, ClauseCalculation c)
    {
        var unit = clause.Kpi.Unit switch { QuantityUnit.Percent => "ratio", QuantityUnit.Duration => "seconds", _ => "number" };
        if (c.Result is not { } r)
            return new(clause.Id.Value, clause.Kpi.Kind, null, unit, clause.Target.ToString(), 0, null, null, Core.Verdicts.Verdict.Indeterminate.Label(), 0, null,
                $"the window has not started ({clause.Window.Describe()})");
        return new(clause.Id.Value, clause.Kpi.Kind, double.IsNaN(r.Value) ? null : r.Value, unit, clause.Target.ToString(), r.Coverage,
            r.Window.From, r.Window.To, c.Verdict!.Value.Label(), r.SampleCount, r.InputsSha256, null, c.Forecast);
    }
}
