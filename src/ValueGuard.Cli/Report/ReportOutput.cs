using ValueGuard.Reporting.Csv;
using ValueGuard.Reporting.Html;
using ValueGuard.Reporting.Json;
using ValueGuard.Reporting.Labels;
using ValueGuard.Reporting.Model;
using ValueGuard.Reporting.Pdf;

namespace ValueGuard.Cli.Report;

/// <summary>Writes a computed report to a file in one of the formats: html, pdf (HTML printed by Chromium), csv, json.</summary>
internal static class ReportOutput
{
    public static IReadOnlyList<string> Formats { get; } = ["html", "pdf", "csv", "json"];

    public static async Task WriteAsync(ComplianceReport report, string format, ReportLabels labels, string path, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        switch (format)
        {
            case "html":
                await File.WriteAllTextAsync(path, HtmlReportWriter.Render(report, labels), ct).ConfigureAwait(false);
                break;
            case "pdf":
                await new ChromiumPdfRenderer().RenderAsync(HtmlReportWriter.Render(report, labels), path, ct).ConfigureAwait(false);
                break;
            case "csv":
                await File.WriteAllTextAsync(path, CsvReportWriter.Render(report), ct).ConfigureAwait(false);
                break;
            case "json":
                await File.WriteAllTextAsync(path, JsonReportWriter.Render(report), ct).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"Unknown report format '{format}': use {string.Join(", ", Formats)}.", nameof(format));
        }
    }
}
