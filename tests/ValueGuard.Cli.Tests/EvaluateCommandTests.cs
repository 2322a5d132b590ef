using System.Globalization;
using System.Text;
using System.Text.Json;
using ValueGuard.Cli.Commands;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class EvaluateCommandTests
{
    private static string Csv(TempDirectory dir, string? extraLine = null)
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var sb = new StringBuilder("timestamp,device,signal,value\n");
        for (var i = 0; i < 24 * 12; i++)
        {
            var t = t0.AddMinutes(5 * i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"{t},press-07,running,{(i is >= 60 and < 72 ? "false" : "true")}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{t},mes-gw,api_total,{1000 * i}\n{t},mes-gw,api_ok,{999 * i}\n");
        }
        if (extraLine is not null) sb.Append(extraLine).Append('\n');
        return dir.Write("samples.csv", sb.ToString());
    }

    [Fact]
    public async Task Json_output_has_one_object_per_clause_with_the_documented_fields()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"), Csv(dir), "2026-03-02T00:00:00Z", "json",
            Path.Combine(RepoPaths.Examples, "site.yaml"), "5m", output, default);

        Assert.Equal(0, exit);
        var clauses = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(["press-availability", "mes-api-success"], clauses.Select(c => c.GetProperty("clause").GetString()));
        var press = clauses[0];
        Assert.Equal(1 - 1.0 / 24, press.GetProperty("value").GetDouble(), 9);
        Assert.Equal("ratio", press.GetProperty("unit").GetString());
        Assert.Equal("BREACHED", press.GetProperty("verdict").GetString());
        Assert.Equal(1.0, press.GetProperty("coverage").GetDouble(), 9);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T00:00:00Z", CultureInfo.InvariantCulture), press.GetProperty("window_from").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T00:00:00Z", CultureInfo.InvariantCulture), press.GetProperty("window_to").GetDateTimeOffset());
        Assert.Equal(64, press.GetProperty("inputs_sha256").GetString()!.Length);
        Assert.True(press.GetProperty("samples").GetInt32() > 0);
        Assert.Equal(0.999, clauses[1].GetProperty("value").GetDouble(), 9);
        Assert.Equal("MET", clauses[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_bad_csv_line_is_named_and_nothing_is_evaluated()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"), Csv(dir, "2026-03-02 00:00,press-07,running,true"),
            null, "json", null, "10m", output, default);

        Assert.Equal(2, exit);
        Assert.Contains("samples.csv:866: '2026-03-02 00:00' is not an ISO-8601 timestamp", output.ToString());
    }

    [Fact]
    public async Task Without_a_site_every_signal_holds_for_max_gap_and_the_default_instant_is_the_last_sample()
    {
        using var dir = new TempDirectory();
        var output = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"), Csv(dir), null, "table", null, "10m", output, default);

        Assert.Equal(0, exit);
        Assert.Contains("ACME-2026-017 at 2026-03-01T23:55:00Z", output.ToString());
        Assert.Contains("BREACHED", output.ToString());
    }
}
