using System.Globalization;

namespace ValueGuard.Core.Quantities;

/// <summary>
/// A number with its unit. Percentages are held as ratios (99.95 % is 0.9995); durations in seconds.
/// </summary>
public readonly record struct Quantity(double Value, QuantityUnit Unit)
{
    public static Quantity Percent(double percent) => new(percent / 100.0, QuantityUnit.Percent);

    public static Quantity Ratio(double ratio) => new(ratio, QuantityUnit.Percent);

    public static Quantity Of(TimeSpan duration) => new(duration.TotalSeconds, QuantityUnit.Duration);

    public static Quantity Number(double value) => new(value, QuantityUnit.Number);

    /// <summary>Parses <c>99.95%</c>, <c>2h</c>, <c>1h30m</c> or <c>3</c>.</summary>
    public static bool TryParse(string text, out Quantity quantity)
    {
        quantity = default;
        var t = text.Trim();
        if (t.EndsWith('%'))
        {
            if (!double.TryParse(t[..^1].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) || !double.IsFinite(pct)) return false;
            quantity = Percent(pct);
            return true;
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (!double.IsFinite(number)) return false;
            quantity = Number(number);
            return true;
        }
        if (DurationSyntax.TryParse(t, out var duration))
        {
            quantity = Of(duration);
            return true;
        }
        return false;
    }

    public override string ToString() => Format(Value, Unit);

    /// <summary>Formats a raw value held in <paramref name="unit"/> for people to read.</summary>
    public static string Format(double value, QuantityUnit unit)
    {
        if (double.IsNaN(value)) return "n/a";
        return unit switch
        {
            QuantityUnit.Percent => (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%",
            QuantityUnit.Duration => DurationSyntax.Format(TimeSpan.FromSeconds(Math.Round(value))),
            _ => value.ToString("0.####", CultureInfo.InvariantCulture),
        };
    }
}
