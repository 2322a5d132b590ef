using ValueGuard.Core.Quantities;

namespace ValueGuard.Reporting.Model;

/// <summary>The report's unit names (<c>ratio</c>, <c>seconds</c>, <c>number</c>, as in <c>valueguard evaluate</c>) and how values in them read.</summary>
public static class ReportUnits
{
    public static string Of(QuantityUnit unit) => unit switch
    {
        QuantityUnit.Percent => "ratio",
        QuantityUnit.Duration => "seconds",
        _ => "number",
    };

    public static QuantityUnit Parse(string unit) => unit switch
    {
        "ratio" => QuantityUnit.Percent,
        "seconds" => QuantityUnit.Duration,
        _ => QuantityUnit.Number,
    };

    /// <summary>"97.222%", "2h30m", "3"; "n/a" when there is no value.</summary>
    public static string Format(double? value, string unit) => value is { } v ? Quantity.Format(v, Parse(unit)) : "n/a";

    public static string Duration(double? seconds) => seconds is { } s ? Quantity.Format(s, QuantityUnit.Duration) : "-";
}
