using System.Globalization;
using System.Text;
using System.Text.Json;
using ValueGuard.Configuration.Sites;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests.Report;

public class ReportCommandTests : IClassFixture<DemoRunFixture>
{
    // The demo's contract is in Asia/Shanghai: --to 2026-04-01 is 2026-04-01T00:00+08:00.
    private const string EndOfPeriod = "2026-04-01T00:00:00+08:00";
    private readonly DemoRunFixture demo;

    public ReportCommandTests(DemoRunFixture demo) => this.demo = demo;

    private static string ExampleSite => Path.Combine(RepoPaths.Examples, "site.yaml");

    private Task<CliProcess.Result> ReportAsync(string outFile, string format, string lang = "en") =>
        CliProcess.RunAsync(TimeSpan.FromSeconds(120), "report", "--contract", "ACME-2026-017", "--from", "2026-03-01", "--to", "2026-04-01",
            "--format", format, "--lang", lang, "--out", outFile, "--data", demo.Folder);

    [Fact]
    public async Task The_report_holds_the_numbers_valueguard_evaluate_gives_for_the_same_data()
    {
        using var dir = new TempDirectory();
        var csv = await ExportSamplesAsync(dir.File("samples.csv"));
        var evaluate = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "evaluate", "--contract", Path.Combine(RepoPaths.Examples, "acme-2026.yaml"),
            "--samples", csv, "--site", ExampleSite, "--at", EndOfPeriod, "--format", "json");
        var report = await ReportAsync(dir.File("report.json"), "json");

        Assert.True(evaluate.ExitCode == 0, evaluate.Stdout + evaluate.Stderr);
        Assert.True(report.ExitCode == 0, report.Stdout + report.Stderr);
        var expected = JsonDocument.Parse(evaluate.Stdout).RootElement.EnumerateArray().ToList();
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("report.json"))).RootElement;
        var clauses = json.GetProperty("clauses").EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("clause").GetString()), clauses.Select(c => c.GetProperty("clause").GetString()));
        foreach (var (e, c) in expected.Zip(clauses))
        {
            Assert.Equal(e.GetProperty("value").GetDouble(), c.GetProperty("value").GetDouble());
            Assert.Equal(e.GetProperty("coverage").GetDouble(), c.GetProperty("coverage").GetDouble());
            Assert.Equal(e.GetProperty("samples").GetInt32(), c.GetProperty("samples").GetInt32());
            Assert.Equal(e.GetProperty("inputs_sha256").GetString(), c.GetProperty("inputs_sha256").GetString());
            Assert.Equal(e.GetProperty("verdict").GetString(), c.GetProperty("verdict").GetString());
            Assert.Equal(e.GetProperty("window_from").GetDateTimeOffset(), c.GetProperty("window_from").GetDateTimeOffset());
            Assert.Equal(e.GetProperty("window_to").GetDateTimeOffset(), c.GetProperty("window_to").GetDateTimeOffset());
        }
        // The demo breaches the press clause once; its episode, ticket and the ledger head are in the report.
        Assert.Equal("BREACHED", clauses[0].GetProperty("verdict").GetString());
        var episode = Assert.Single(json.GetProperty("episodes").EnumerateArray());
        Assert.Equal("ACME-2026-017/press-availability/1", episode.GetProperty("episode").GetString());
        Assert.Equal("ACME-2026-017__press-availability__1.md", episode.GetProperty("tickets")[0].GetProperty("remote_id").GetString());
        Assert.Equal(LedgerVerifier.Verify(Path.Combine(demo.Data, "ledger.jsonl")).Head, json.GetProperty("header").GetProperty("ledger_head").GetString());
        // The scripted 20-hour outage is unplanned downtime.
        Assert.Equal(TimeSpan.FromHours(20).TotalSeconds, clauses[0].GetProperty("downtime").GetProperty("unplanned_down_seconds").GetDouble());
    }

    [Fact]
    public async Task Html_and_csv_show_the_json_numbers()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await ReportAsync(dir.File("report.json"), "json")).ExitCode);
        Assert.Equal(0, (await ReportAsync(dir.File("report.csv"), "csv")).ExitCode);
        Assert.Equal(0, (await ReportAsync(dir.File("report.html"), "html")).ExitCode);

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("report.json"))).RootElement;
        var csv = await File.ReadAllLinesAsync(dir.File("report.csv"));
        var html = await File.ReadAllTextAsync(dir.File("report.html"));
        var header = csv[0].Split(',');
        foreach (var clause in json.GetProperty("clauses").EnumerateArray())
        {
            var id = clause.GetProperty("clause").GetString()!;
            var row = csv.Single(l => l.StartsWith("clause,", StringComparison.Ordinal) && l.Split(',')[Array.IndexOf(header, "clause")] == id).Split(',');
            var value = clause.GetProperty("value").GetDouble();
            Assert.Equal(value, double.Parse(row[Array.IndexOf(header, "value")], CultureInfo.InvariantCulture));
            Assert.Equal(clause.GetProperty("inputs_sha256").GetString(), row[Array.IndexOf(header, "inputs_sha256")]);
            Assert.Contains($"<td class=\"num\">{(value * 100).ToString("0.###", CultureInfo.InvariantCulture)}%</td>", html);
        }
    }

    [Fact]
    public async Task Mistakes_are_named_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        var unknown = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "report", "--contract", "NOPE", "--from", "2026-03-01", "--to", "2026-04-01",
            "--out", dir.File("r.html"), "--data", demo.Folder);
        var backwards = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "report", "--contract", "ACME-2026-017", "--from", "2026-04-01", "--to", "2026-03-01",
            "--out", dir.File("r.html"), "--data", demo.Folder);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--contract 'NOPE': the site has ACME-2026-017", unknown.Stdout);
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains("is not after --from", backwards.Stdout);
        Assert.False(File.Exists(dir.File("r.html")));
    }

    /// <summary>Every sample of the example site's signals in the demo's store, as the CSV <c>valueguard evaluate</c> reads.</summary>
    private async Task<string> ExportSamplesAsync(string path)
    {
        var (model, errors) = SiteModelLoader.Load(ExampleSite);
        Assert.True(model is not null, string.Join('\n', errors));
        using var store = new EmbeddedTimeSeriesStore(Path.Combine(demo.Data, "samples.db"));
        var sb = new StringBuilder("timestamp,device,signal,value\n");
        foreach (var spec in model.Catalog.All)
            foreach (var s in await store.ReadAsync(spec.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default))
                sb.Append(CultureInfo.InvariantCulture, $"{s.Timestamp.UtcDateTime:O},{s.Signal.Device},{s.Signal.Signal},{s.Value:R}\n");
        await File.WriteAllTextAsync(path, sb.ToString());
        return path;
    }
}
