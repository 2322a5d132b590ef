using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// Needs: mosquitto, InfluxDB, Redmine. The gateway runs as a child process and is killed with SIGKILL at seeded random
/// points, ten times during ingest and ten times during escalation; then every acknowledged message is stored exactly
/// once, every breach episode has exactly one Redmine issue (with no note written twice) and the ledger verifies.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosKillTests(MosquittoBroker mosquitto, InfluxServer influx, RedmineServer redmine, ITestOutputHelper output)
{
    private const int Iterations = 10;
    private const int Devices = 10;

    private readonly ChaosRandom chaos = new();

    [Fact]
    public async Task Ten_random_kills_during_ingest_lose_no_acknowledged_message_and_store_none_twice()
    {
        using var dir = new TempDirectory();
        var database = InfluxServer.NewDatabaseName();
        var site = dir.Write("site.yaml", $"""
            site: kill-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-kill-{Guid.NewGuid():N} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: {database} {"}"}
            devices:
            {FaultPlant.Devices(Devices)}
            """);
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = database }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        using (var sessionOnly = GatewayProcess.Start(site))
        {
            await sessionOnly.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60)); // the broker keeps the session's messages from now on
            sessionOnly.KillHard();
        }
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("kill-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        using var stopPublishing = new CancellationTokenSource();
        var sent = 0;
        var publisher = Task.Run(async () =>
        {
            // 1,000 messages a second, each acknowledged by the broker, for as long as the kills go on.
            while (!stopPublishing.IsCancellationRequested)
            {
                await FaultPlant.PublishAsync(mqtt, "kill-plant", Devices, sent, sent + 100);
                sent += 100;
                await Task.Delay(100);
            }
        });

        var storedAtKills = new List<long>();
        for (var i = 0; i < Iterations; i++)
        {
            using var gateway = GatewayProcess.Start(site);
            await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(chaos.Between(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2.5)));
            gateway.KillHard();
            storedAtKills.Add(await FaultPlant.CountAsync(client));
        }
        await stopPublishing.CancelAsync();
        await publisher;

        using var survivor = GatewayProcess.Start(site);
        await survivor.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        var waited = Stopwatch.StartNew();
        while (await FaultPlant.CountAsync(client) < sent && waited.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(250);
        await Task.Delay(1000); // whatever the survivor still held must not add a point
        var stored = await FaultPlant.CountAsync(client);
        var (verifyExit, verifyOutput) = await ValueGuardCommand.VerifyAsync(dir.File("data/ledger.jsonl"));

        FaultSummary.Report(output, "kill-ingest", ("iterations", Iterations), ("samples_sent", sent), ("stored", stored), ("tickets_expected", 0), ("created", 0),
            ("stored_at_kills", string.Join('/', storedAtKills)), ("ledger_verify", verifyExit == 0 ? "ok" : "FAILED"), ("seed", chaos.Seed));
        Assert.True(stored == sent, $"stored {stored} of {sent} acknowledged messages (seed {chaos.Seed})");
        Assert.True(storedAtKills.Distinct().Count() > 1, $"the kills must come while messages are stored: {string.Join(", ", storedAtKills)}");
        Assert.True(verifyExit == 0, verifyOutput);
    }

    [Fact]
    public async Task Ten_random_kills_during_escalation_leave_exactly_one_issue_per_breach_episode()
    {
        using var dir = new TempDirectory();
        var plant = new BreachPlant(10, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(2));
        var key = dir.Write("redmine.key", redmine.ApiKey + "\n");
        dir.Write("contract.yaml", plant.Contract);
        var site = dir.Write("site.yaml", $"""
            site: escalation-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-escalation-{Guid.NewGuid():N} {"}"}
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [contract.yaml]
            tickets:
              sinks:
                - {"{"} name: redmine, kind: redmine, url: "{redmine.Url}", api_key_file: {key}, project: {redmine.Project} {"}"}
            evaluate_every: 1s
            devices:
            {plant.Devices}
            """);
        using (var store = new EmbeddedTimeSeriesStore(dir.File("data/samples.db")))
            await store.WriteAsync(plant.History(), default);
        using var issues = new RedmineIssues(redmine, plant.ContractId);

        var issuesAtKills = new List<int>();
        for (var i = 0; i < Iterations; i++)
        {
            using var gateway = GatewayProcess.Start(site);
            await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(chaos.Between(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3)));
            gateway.KillHard();
            issuesAtKills.Add((await issues.ByEpisodeAsync()).Count);
        }

        using var survivor = GatewayProcess.Start(site);
        var ledger = dir.File("data/ledger.jsonl");
        await Eventually.WaitFor(() => BreachPlant.BreachesIn(ledger).Count >= plant.Presses, "every press to breach", 120);
        var waited = Stopwatch.StartNew();
        while ((await issues.ByEpisodeAsync()).Count < plant.Presses && waited.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(500);
        await Task.Delay(6000); // the last escalations (5 s after a breach) go out too
        survivor.KillHard();

        var breaches = BreachPlant.BreachesIn(ledger);
        var byEpisode = await issues.ByEpisodeAsync();
        var duplicateNotes = new List<string>();
        foreach (var ids in byEpisode.Values)
            foreach (var id in ids) duplicateNotes.AddRange(await issues.DuplicateNotesAsync(id));
        var (verifyExit, verifyOutput) = await ValueGuardCommand.VerifyAsync(ledger);

        FaultSummary.Report(output, "kill-escalation", ("iterations", Iterations), ("tickets_expected", breaches.Count),
            ("created", byEpisode.Values.Sum(v => v.Count)), ("duplicate_notes", duplicateNotes.Count),
            ("episodes_with_issue_at_kills", string.Join('/', issuesAtKills)), ("ledger_verify", verifyExit == 0 ? "ok" : "FAILED"), ("seed", chaos.Seed));
        // On a failure, name every Breached record: a repeated (clause, episode) is a transition written twice across a kill.
        var breachList = string.Join(", ", breaches.Select(b => $"{b.Clause}/{b.Episode}"));
        Assert.True(plant.Presses == breaches.Count, $"{breaches.Count} Breached transitions for {plant.Presses} presses: {breachList} (seed {chaos.Seed})");
        Assert.True(breaches.Count == breaches.Distinct().Count(), $"a Breached transition recorded twice: {breachList} (seed {chaos.Seed})");
        Assert.All(breaches, b => Assert.True(byEpisode.TryGetValue($"{plant.ContractId}/{b.Clause}/{b.Episode}", out var ids) && ids.Count == 1,
            $"episode {b.Clause}/{b.Episode}: issues {(byEpisode.TryGetValue($"{plant.ContractId}/{b.Clause}/{b.Episode}", out var found) ? string.Join(",", found) : "none")} (seed {chaos.Seed})"));
        Assert.Equal(breaches.Count, byEpisode.Count);
        Assert.Empty(duplicateNotes);
        Assert.True(verifyExit == 0, verifyOutput);
        Assert.True(LedgerVerifier.Verify(ledger).Intact);
    }
}
