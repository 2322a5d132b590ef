using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Reporting.Json;

/// <summary>Writes a report as JSON in snake_case (layout in docs/report-json.md): the same numbers as the CSV and the HTML.</summary>
public static class JsonReportWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Render(ComplianceReport report) => JsonSerializer.Serialize(report, Options);

    public static ComplianceReport? Parse(string json) => JsonSerializer.Deserialize<ComplianceReport>(json, Options);
}
