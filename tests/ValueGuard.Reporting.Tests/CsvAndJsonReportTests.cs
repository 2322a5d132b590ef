using System.Globalization;
using System.Text.Json;
using ValueGuard.Reporting.Csv;
using ValueGuard.Reporting.Json;
using ValueGuard.Testing;

namespace ValueGuard.Reporting.Tests;

public class CsvAndJsonReportTests
{
    [Fact]
    public void Csv_and_json_carry_the_same_numbers()
    {
        var report = SampleReports.Report();
        var json = JsonDocument.Parse(JsonReportWriter.Render(report)).RootElement;
        var rows = Rows(CsvReportWriter.Render(report));

        var clauses = rows.Where(r => r["record"] == "clause").ToList();
        Assert.Equal(2, clauses.Count);
        foreach (var (row, element) in clauses.Zip(json.GetProperty("clauses").EnumerateArray()))
        {
            Assert.Equal(element.GetProperty("clause").GetString(), row["clause"]);
            Assert.Equal(element.GetProperty("value").GetDouble(), double.Parse(row["value"], CultureInfo.InvariantCulture));
            Assert.Equal(element.GetProperty("coverage").GetDouble(), double.Parse(row["coverage"], CultureInfo.InvariantCulture));
            Assert.Equal(element.GetProperty("samples").GetInt32(), int.Parse(row["samples"], CultureInfo.InvariantCulture));
            Assert.Equal(element.GetProperty("verdict").GetString(), row["verdict"]);
            Assert.Equal(element.GetProperty("inputs_sha256").GetString(), row["inputs_sha256"]);
        }
        var episode = Assert.Single(rows, r => r["record"] == "episode");
        var jsonEpisode = json.GetProperty("episodes")[0];
        Assert.Equal(jsonEpisode.GetProperty("time_to_acknowledge_seconds").GetDouble(), double.Parse(episode["time_to_acknowledge_s"], CultureInfo.InvariantCulture));
        Assert.Equal("72000", clauses[0]["unplanned_down_s"]);
    }

    [Fact]
    public void Csv_quotes_cells_with_commas_quotes_and_line_breaks()
    {
        var report = SampleReports.Report();
        report = report with { Clauses = [report.Clauses[0] with { Forecast = report.Clauses[0].Forecast with { Text = "a, \"b\"\nc" } }] };

        var csv = CsvReportWriter.Render(report);

        Assert.Contains(",\"a, \"\"b\"\"\nc\",", csv);
        Assert.Equal("a, \"b\"\nc", Rows(csv)[0]["forecast"]);
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = SampleReports.Report();

        var back = JsonReportWriter.Parse(JsonReportWriter.Render(report))!;

        Assert.Equal(report.Header, back.Header);
        Assert.Equal(report.Clauses[0].Value, back.Clauses[0].Value);
        Assert.Equal(report.Clauses[0].Series, back.Clauses[0].Series);
        Assert.Equal(report.Episodes[0].Tickets, back.Episodes[0].Tickets);
    }

    [Fact]
    public void Every_json_field_is_documented_in_docs_report_json()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "report-json.md"));
        var json = JsonDocument.Parse(JsonReportWriter.Render(SampleReports.Report())).RootElement;

        var undocumented = Names(json).Distinct().Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.Empty(undocumented);
    }

    private static IEnumerable<string> Names(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    /// <summary>A small RFC 4180 reader: enough to check what the writer wrote.</summary>
    internal static List<Dictionary<string, string>> Rows(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n') { record.Add(cell.ToString()); cell.Clear(); records.Add(record); record = []; }
            else cell.Append(ch);
        }
        var header = records[0];
        return [.. records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }
}
