using System.Text.Json;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_breaches_one_clause_meets_the_other_and_leaves_report_tickets_data_and_ledger()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(90), "demo", "--out", dir.Path, "--log-format", "json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var press = run.Stdout.Split('\n').Single(l => l.Contains("press-availability", StringComparison.Ordinal));
        var mes = run.Stdout.Split('\n').Single(l => l.Contains("mes-api-success", StringComparison.Ordinal));
        Assert.Contains("BREACHED", press);
        Assert.Contains(" MET ", mes);

        var report = await File.ReadAllTextAsync(dir.File("report.html"));
        Assert.Contains("press-availability", report);
        Assert.Contains(">BREACHED<", report);

        var ticket = Assert.Single(Directory.GetFiles(dir.File("tickets")));
        var ticketText = await File.ReadAllTextAsync(ticket);
        Assert.Contains("press-availability", ticketText);
        Assert.Contains("Breach opened", ticketText);

        Assert.True(File.Exists(dir.File("data/samples.db")));
        Assert.True(File.Exists(dir.File("data/state.db")));
        var ledger = LedgerVerifier.Verify(dir.File("data/ledger.jsonl"));
        Assert.True(ledger.Intact, ledger.Problem);
        Assert.Contains(ledger.Head, report);
        var verify = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "verify", "--ledger", dir.File("data/ledger.jsonl"));
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"MATCH: {ledger.Records} records, head {ledger.Head}", verify.Stdout);
        var reevaluate = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "verify", "--ledger", dir.File("data/ledger.jsonl"),
            "--site", Path.Combine(RepoPaths.Examples, "site.yaml"), "--data", dir.File("data"));
        Assert.True(reevaluate.ExitCode == 0, reevaluate.Stdout);
        Assert.Matches(@"MATCH: re-evaluated [1-9]\d* recorded verdicts from the raw data; all agree\n", reevaluate.Stdout);

        // Everything the gateway wrote is its user's alone, whatever the umask of the shell that started it.
        Assert.True(OperatingSystem.IsLinux(), "the gateway runs on Linux");
        foreach (var path in Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories))
        {
            if (!OperatingSystem.IsLinux()) break;
            var mode = File.GetUnixFileMode(path);
            Assert.True((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite)) == 0,
                $"{path} is {mode}: readable or writable by others");
        }

        // --log-format json: every stderr line is one compact JSON event; the transitions are among them.
        var events = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("@mt", out _)));
        Assert.Contains(events, e => e.TryGetProperty("EventId", out var id) && id.GetProperty("Name").GetString() == "ClauseTransition"
            && e.GetProperty("To").GetString() == "Breached");
    }
}
