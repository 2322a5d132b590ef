using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Commitments;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

/// <summary><c>valueguard ack|snooze|waive</c> as a real child process, against a gateway runtime in the test process (or none).</summary>
public class OperatorActionCommandTests
{
    private const string Clause = "ACME-2026-017/press-availability";

    private static string WriteSite(TempDirectory dir) => dir.Write("site.yaml", $"""
        site: acme-plant-1
        data_dir: data
        device_profiles: ["{RepoPaths.DeviceProfiles}"]
        contracts: ["{Path.Combine(RepoPaths.Examples, "acme-2026.yaml")}"]
        devices:
          - {"{"} id: press-07, profile: press-plc-json {"}"}
          - {"{"} id: mes-gw, profile: mes-api-gateway-json {"}"}
        """);

    private static GatewayRuntime OpenGateway(string siteFile)
    {
        var (model, errors) = SiteModelLoader.Load(siteFile);
        Assert.True(model is not null, string.Join("\n", errors));
        return new GatewayRuntime(model, TimeProvider.System, NullLoggerFactory.Instance);
    }

    /// <summary>What a running gateway's operator-action loop does, every 100 ms, until stopped.</summary>
    private static async Task PumpAsync(GatewayRuntime gateway, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await gateway.OperatorActions.ApplyQueuedAsync(ct);
            await Task.Delay(100, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Waive_without_a_running_gateway_is_queued_and_the_gateway_applies_it_when_it_starts()
    {
        using var dir = new TempDirectory();
        var site = WriteSite(dir);

        var cli = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "waive", "--site", site, "--clause", Clause,
            "--actor", "li.wei", "--reason", "press rebuild agreed with ACME", "--until", "2d", "--wait", "1s");

        Assert.Equal(0, cli.ExitCode);
        Assert.StartsWith("queued: waive of " + Clause, cli.Stdout);
        using var gateway = OpenGateway(site);
        Assert.Equal(1, await gateway.OperatorActions.ApplyQueuedAsync(default));
        var stored = Assert.Single(await gateway.Commitments.AllAsync(default), s => s.ClauseId == "press-availability");
        Assert.Equal(CommitmentState.Waived, stored.Snapshot.State);
        Assert.Contains("\"actor\":\"li.wei\"", await File.ReadAllTextAsync(gateway.Paths.Ledger));
    }

    [Fact]
    public async Task Snooze_while_the_gateway_runs_reports_applied()
    {
        using var dir = new TempDirectory();
        var site = WriteSite(dir);
        using var gateway = OpenGateway(site);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(gateway, stop.Token);

        var cli = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "snooze", "--site", site, "--clause", Clause,
            "--actor", "li.wei", "--reason", "night shift", "--until", "2026-12-01T08:00:00+08:00", "--wait", "20s");
        await stop.CancelAsync();
        await pump;

        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("applied: snooze by li.wei: escalation of " + Clause + " held until 2026-12-01 00:00:00Z", cli.Stdout);
    }

    [Fact]
    public async Task Ack_of_a_clause_without_a_breach_is_refused_with_the_reason()
    {
        using var dir = new TempDirectory();
        var site = WriteSite(dir);
        using var gateway = OpenGateway(site);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(gateway, stop.Token);

        var cli = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "ack", "--site", site, "--clause", Clause,
            "--actor", "li.wei", "--reason", "seen", "--wait", "20s");
        await stop.CancelAsync();
        await pump;

        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("refused: acknowledge of " + Clause + ": there is no unacknowledged breach to acknowledge (the clause is Scheduled)", cli.Stdout);
    }

    [Fact]
    public async Task An_unknown_clause_is_named_with_the_known_ones_and_nothing_is_queued()
    {
        using var dir = new TempDirectory();
        var site = WriteSite(dir);

        var cli = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "ack", "--site", site, "--clause", "ACME-2026-017/press-avail",
            "--actor", "li.wei", "--reason", "seen");

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("known: ACME-2026-017/press-availability, ACME-2026-017/mes-api-success", cli.Stdout);
        Assert.False(File.Exists(dir.File("data/operator-actions.db")));
    }
}
