using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ValueGuard.Cli.Report;

/// <summary>
/// Reads <c>--from</c>/<c>--to</c>: a date (<c>2026-03-01</c>) is the start of that day in the contract's time
/// zone; an instant with an offset (<c>2026-03-01T08:00:00+08:00</c>) is taken as written.
/// </summary>
internal static class ReportPeriod
{
    public static bool TryParse(string text, DateTimeZone zone, out DateTimeOffset instant)
    {
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            instant = date.Value.AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime();
            return true;
        }
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal)))
        {
            instant = instant.ToUniversalTime();
            return true;
        }
        instant = default;
        return false;
    }
}
