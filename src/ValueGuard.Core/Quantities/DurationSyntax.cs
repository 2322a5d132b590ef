using System.Globalization;
using System.Text;

namespace ValueGuard.Core.Quantities;

/// <summary>
/// Durations as people write them in contracts: <c>90d</c>, <c>2h</c>, <c>1h30m</c>, <c>45s</c>, <c>250ms</c>.
/// Units: d, h, m, s, ms. Parts must go from larger to smaller units.
/// </summary>
public static class DurationSyntax
{
    private static readonly (string Suffix, TimeSpan Unit)[] Units =
    [
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
    ];

    public const string Hint = "write a duration as a number with a unit d, h, m, s or ms, for example 2h, 90d or 1h30m";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var span = text.AsSpan().Trim();
        var total = TimeSpan.Zero;
        var lastUnit = TimeSpan.MaxValue;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.')) digits++;
            if (digits == 0) return false;
            if (!double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            span = span[digits..];
            var matched = false;
            foreach (var (suffix, unit) in Units)
            {
                if (!span.StartsWith(suffix, StringComparison.Ordinal)) continue;
                if (unit >= lastUnit) return false;
                // Durations beyond what a clock can hold (about 29,000 years) are refused, not thrown on.
                var ticks = Math.Round(number * unit.Ticks);
                if (!(ticks <= TimeSpan.MaxValue.Ticks - total.Ticks)) return false;
                total += TimeSpan.FromTicks((long)ticks);
                lastUnit = unit;
                span = span[suffix.Length..];
                matched = true;
                break;
            }
            if (!matched) return false;
        }
        duration = total;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a duration: {Hint}.");

    /// <summary>Formats the way a contract would write it, largest units first: <c>1d2h</c>, <c>1h30m</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (duration < TimeSpan.Zero) { sb.Append('-'); duration = duration.Negate(); }
        if (duration.Days > 0) sb.Append(duration.Days).Append('d');
        if (duration.Hours > 0) sb.Append(duration.Hours).Append('h');
        if (duration.Minutes > 0) sb.Append(duration.Minutes).Append('m');
        if (duration.Seconds > 0) sb.Append(duration.Seconds).Append('s');
        if (duration.Milliseconds > 0) sb.Append(duration.Milliseconds).Append("ms");
        return sb.Length == 0 ? "0s" : sb.ToString();
    }
}
