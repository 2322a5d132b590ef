using ValueGuard.Core.Quantities;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// A KPI computed over a window: the value, how much of the window was known (coverage, 0..1),
/// how many samples were used and the SHA-256 of exactly those inputs.
/// </summary>
public sealed record KpiResult(
    double Value,
    QuantityUnit Unit,
    double Coverage,
    EvaluationWindow Window,
    int SampleCount,
    string InputsSha256)
{
    public string FormatValue() => Quantity.Format(Value, Unit);
}
