using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using ValueGuard.Core.Quantities;

namespace ValueGuard.Cli.Status;

/// <summary>
/// Renders a <see cref="StatusReport"/> for people: one table per section, values by the unit their name
/// carries (<c>_bytes</c> as KB/MB/GB, <c>_seconds</c> as a duration, <c>_ratio</c> as a percentage).
/// </summary>
internal static class StatusTable
{
    public static void Write(StatusReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 120;
        output.WriteLine(Headline(report));
        foreach (var (name, node) in report.Sections)
        {
            if (node is not JsonObject section) continue;
            var table = new Table().Title(name).AddColumns("", "").HideHeaders();
            foreach (var (key, value) in section) table.AddRow(Markup.Escape(key.Replace('_', ' ')), Markup.Escape(Format(key, value)));
            console.Write(table);
        }
    }

    private static string Headline(StatusReport r)
    {
        var age = r.StatusAge is { } a ? DurationSyntax.Format(TimeSpan.FromSeconds(Math.Max(1, Math.Round(a.TotalSeconds)))) : null;
        return r.Running
            ? $"Gateway {r.Site}: running; status written {age} ago"
            : age is null
                ? $"Gateway {r.Site}: not running (no status file); read from the data folder"
                : $"Gateway {r.Site}: not running (last status written {age} ago); read from the data folder";
    }

    private static string Format(string key, JsonNode? value)
    {
        if (value is null) return "-";
        if (value is JsonObject obj) return obj.Count == 0 ? "-" : string.Join(", ", obj.Select(p => $"{p.Key}: {p.Value}"));
        if (value.GetValueKind() != JsonValueKind.Number) return value.ToString();
        var n = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        if (key.EndsWith("_bytes", StringComparison.Ordinal)) return Bytes(n);
        if (key.EndsWith("_bytes_per_second", StringComparison.Ordinal)) return Bytes(n) + "/s";
        if (key.EndsWith("_seconds", StringComparison.Ordinal)) return Math.Abs(n) < 1 ? n.ToString("0.###", CultureInfo.InvariantCulture) + "s" : DurationSyntax.Format(TimeSpan.FromSeconds(Math.Round(n)));
        if (key.EndsWith("_ratio", StringComparison.Ordinal)) return Quantity.Format(n, QuantityUnit.Percent);
        return n.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string Bytes(double n) => n switch
    {
        >= 1L << 30 => (n / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (n / (1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (n / (1L << 10)).ToString("0.##", CultureInfo.InvariantCulture) + " KB",
        _ => n.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
