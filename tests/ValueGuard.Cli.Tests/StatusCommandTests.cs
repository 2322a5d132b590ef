using System.Text.Json.Nodes;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Status;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public sealed class StatusCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();
    private readonly ManualClock clock = new(Now);
    private readonly string site;

    public StatusCommandTests()
    {
        site = dir.Write("site.yaml", $"""
            site: acme-plant-1
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices: []
            store:
              kind: influxdb
              url: http://127.0.0.1:8086
              database: vg
              spool: {"{"} max_bytes: 64MB, segment_bytes: 4096 {"}"}
            """);
    }

    public void Dispose() => dir.Dispose();

    private void WriteStatus(TimeSpan age, long pendingSamples)
    {
        Directory.CreateDirectory(dir.File("data"));
        var health = new SpoolHealth(Now - age, 3, pendingSamples, 3 * 1024 * 1024, 64 * 1024 * 1024, Now - age - TimeSpan.FromMinutes(2), 0, 0, 0, 0, 0, 0, SpoolFullPolicy.RefuseNewWrites, null);
        var rates = new SpoolRates(TimeSpan.FromMinutes(1), 120, 0, 4096, 0, TimeSpan.FromHours(4));
        StatusFile.Write(StatusFile.PathIn(dir.File("data")), new JsonObject
        {
            ["site"] = "acme-plant-1",
            ["written_at"] = Now - age,
            ["interval_seconds"] = 5.0,
            ["sections"] = new JsonObject
            {
                ["store"] = new JsonObject { ["kind"] = "influxdb", ["forward_failures"] = 7, ["last_error"] = "connection refused" },
                ["spool"] = SpoolStatusSection.Describe(health, rates),
            },
        });
    }

    [Fact]
    public void A_running_gateways_status_is_shown_as_tables_with_its_age()
    {
        WriteStatus(TimeSpan.FromSeconds(2), 360);
        var output = new StringWriter();

        var exit = Commands.StatusCommand.Run(site, "table", output, clock);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("Gateway acme-plant-1: running; status written 2s ago", text);
        Assert.Matches(@"pending samples\s+│\s+360", text);
        Assert.Matches(@"oldest pending age seconds\s+│\s+2m", text);
        Assert.Matches(@"time until full seconds\s+│\s+4h", text);
        Assert.Matches(@"size bytes\s+│\s+3 MB", text);
        Assert.Contains("connection refused", text);
    }

    [Fact]
    public async Task With_a_stale_status_file_the_spool_is_read_from_disk_and_the_exit_code_is_1()
    {
        WriteStatus(TimeSpan.FromMinutes(10), 360);
        using (var spool = DiskSpool.Open(new SpoolOptions { Directory = dir.File("data/spool"), SegmentBytes = 4096 }, clock))
            for (var i = 0; i < 5; i++) await spool.AppendAsync([new Sample(new SignalId("press-07", "running"), Now.AddSeconds(i), 1), new Sample(new SignalId("press-07", "running"), Now.AddSeconds(i + 0.5), 0)], default);
        var output = new StringWriter();

        var exit = Commands.StatusCommand.Run(site, "json", output, clock);

        var json = JsonNode.Parse(output.ToString())!;
        Assert.Equal(1, exit);
        Assert.False(json["running"]!.GetValue<bool>());
        Assert.Equal(600.0, json["status_age_seconds"]!.GetValue<double>());
        Assert.Equal("data folder", json["source"]!.GetValue<string>());
        Assert.Equal(5, json["sections"]!["spool"]!["pending_records"]!.GetValue<long>());
        Assert.Equal(10, json["sections"]!["spool"]!["pending_samples"]!.GetValue<long>());
        Assert.Null(json["sections"]!["spool"]!["ingest_samples_per_second"]);
    }

    [Fact]
    public async Task The_status_command_runs_from_the_command_line_without_a_gateway()
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "status", "--site", site);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Gateway acme-plant-1: not running (no status file); read from the data folder", result.Stdout);
        Assert.Matches(@"pending records\s+│\s+0", result.Stdout);
    }

    [Fact]
    public async Task A_stopped_gateway_shows_the_last_clock_jump_and_lost_synchronisation_from_the_ledger()
    {
        using (var ledger = new Storage.Evidence.JsonlEvidenceLedger(dir.File("data/ledger.jsonl")))
        {
            await ledger.AppendAsync(Core.Evidence.EvidenceKinds.ClockSync, Now, Gateway.Clock.ClockSyncEvidence.Of(
                new Gateway.Clock.ClockSynchronisation(Gateway.Clock.ClockSyncState.Unsynchronised, "adjtimex", "adjtimex returned TIME_ERROR")), default);
            await ledger.AppendAsync(Core.Evidence.EvidenceKinds.ClockJump, Now.AddHours(1), Gateway.Clock.ClockJumpEvidence.Of(
                new Gateway.Clock.ClockJump(Now.AddMinutes(2), Now.AddHours(1), TimeSpan.FromMinutes(58)), TimeSpan.FromMinutes(1)), default);
        }
        var json = new StringWriter();
        var table = new StringWriter();

        Commands.StatusCommand.Run(site, "json", json, clock);
        Commands.StatusCommand.Run(site, "table", table, clock);

        var section = JsonNode.Parse(json.ToString())!["sections"]!["clock"]!;
        Assert.False(section["ntp_synchronised"]!.GetValue<bool>());
        Assert.Equal("adjtimex returned TIME_ERROR", section["ntp_detail"]!.GetValue<string>());
        Assert.Equal(3480.0, section["last_jump_seconds"]!.GetValue<double>());
        Assert.Matches(@"ntp synchronised\s+│\s+false", table.ToString());
        Assert.Matches(@"last jump seconds\s+│\s+58m", table.ToString());
    }

    [Fact]
    public async Task Dead_escalation_actions_are_listed_with_their_sink_key_and_error_and_how_to_retry_them()
    {
        using (var outbox = new Escalation.Outbox.EscalationOutbox(dir.File("data/outbox.db")))
        {
            var episode = new Core.Commitments.BreachEpisodeId("ACME-2026-017", "press-availability", 3);
            var content = new Core.Escalation.TicketContent("ACME", "ACME-2026-017", "press-availability", "Press availability >= 98 %",
                ">= 98%", "97.1%", "100%", "30d", "Breached", "high", "delivery", new string('a', 64));
            await outbox.EnqueueAsync(new Core.Escalation.EscalationAction(episode, Core.Escalation.EscalationActionKind.Open, 0, Now.AddHours(-2), content), ["desk"], default);
            await outbox.EnqueueAsync(new Core.Escalation.EscalationAction(episode, Core.Escalation.EscalationActionKind.Escalate, 1, Now.AddMinutes(-30), content), ["desk"], default);
            var open = (await outbox.PendingAsync(default))[0];
            await outbox.MarkFailedAsync(open.Id, "desk answered 401: invalid API key", Now, dead: true, default);
        }
        var json = new StringWriter();
        var table = new StringWriter();

        Commands.StatusCommand.Run(site, "json", json, clock);
        Commands.StatusCommand.Run(site, "table", table, clock);

        var section = JsonNode.Parse(json.ToString())!["sections"]!["escalation"]!;
        Assert.Equal(1, section["pending"]!.GetValue<int>());
        Assert.Equal(1800.0, section["oldest_pending_seconds"]!.GetValue<double>());
        Assert.Equal(1, section["dead"]!.GetValue<int>());
        var dead = Assert.Single(section["dead_actions"]!.AsObject());
        Assert.Equal("desk ACME-2026-017/press-availability/3#open-0, 1 attempt, last error: desk answered 401: invalid API key", dead.Value!.GetValue<string>());
        Assert.Contains("valueguard escalation retry", section["retry"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"dead\s+│\s+1", table.ToString());
        Assert.Contains("invalid API key", table.ToString(), StringComparison.Ordinal);
    }
}
