using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// Needs: mosquitto, influxd, Redmine. One run of a gateway process in which the broker (a mosquitto of the test's
/// own, persistence on) is stopped and started, InfluxDB (an influxd of its own) is killed and started, and Redmine
/// is cut off (an <see cref="OutageProxy"/>) while breaches open their tickets: nothing acknowledged is lost or
/// stored twice, every breach episode has exactly one issue, the ledger verifies.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosOutageTests(RedmineServer redmine, ITestOutputHelper output)
{
    private const int Devices = 10;
    private const int Batch = 3_000;
    private static readonly TimeSpan BrokerDown = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan InfluxDown = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RedmineDown = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_the_broker_influxdb_and_redmine_during_a_run_loses_nothing_and_opens_each_ticket_once()
    {
        using var dir = new TempDirectory();
        using var influx = new InfluxProcess(Directory.CreateDirectory(dir.File("influxd")).FullName);
        using var broker = new MosquittoProcess(dir.File("mosquitto"));
        await using var redmineProxy = new OutageProxy(redmine.Url);
        await influx.StartAsync();
        broker.Start();
        var plant = new BreachPlant(4, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(2));
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = "outage" }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        var history = await InfluxTimeSeriesStore.StartAsync(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance, default);
        await history.WriteAsync(plant.History(), default);
        var key = dir.Write("redmine.key", redmine.ApiKey + "\n");
        dir.Write("contract.yaml", plant.Contract);
        var site = dir.Write("site.yaml", $"""
            site: outage-plant
            broker: {"{"} url: "{broker.Url}", client_id: vg-outage-{Guid.NewGuid():N} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [contract.yaml]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: outage {"}"}
            tickets:
              sinks:
                - {"{"} name: redmine, kind: redmine, url: "{redmineProxy.Url}", api_key_file: {key}, project: {redmine.Project} {"}"}
            evaluate_every: 1s
            devices:
            {FaultPlant.Devices(Devices)}
            {plant.Devices}
            """);

        redmineProxy.Down = true; // the first breaches come while Redmine cannot be reached
        var redmineCut = Stopwatch.StartNew();
        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        var sent = 0;
        await PublishAsync(broker, sent, sent += Batch);

        broker.Stop();
        await Task.Delay(BrokerDown);
        broker.Start();
        await PublishAsync(broker, sent, sent += Batch); // queued by the broker for the gateway's session while it reconnects

        influx.Stop();
        var influxCut = Stopwatch.StartNew();
        await PublishAsync(broker, sent, sent += Batch); // acknowledged by the gateway while only its spool holds them
        // InfluxDB comes back only after a forward has failed against it (on a loaded machine the spool's first
        // forward of the batch can come later than InfluxDown after the stop).
        await Eventually.WaitFor(() => influxCut.Elapsed >= InfluxDown && gateway.Log.Contains("\"SpoolForwardFailed\"", StringComparison.Ordinal),
            "the InfluxDB outage to fail a forward", 90);
        var influxDown = influxCut.Elapsed;
        await influx.StartAsync();

        // Redmine comes back only after a ticket action has run into the outage (on a loaded machine the first breach
        // can come later than RedmineDown after the cut).
        await Eventually.WaitFor(() => redmineCut.Elapsed >= RedmineDown && gateway.Log.Contains("\"TicketActionFailed\"", StringComparison.Ordinal),
            "the Redmine outage to fail a ticket action", 90);
        redmineProxy.Down = false;
        var redmineDown = redmineCut.Elapsed;

        using var issues = new RedmineIssues(redmine, plant.ContractId);
        var ledger = dir.File("data/ledger.jsonl");
        var waited = Stopwatch.StartNew();
        long stored = 0;
        // The sink's circuit breaker may hold Redmine off for its 60 s break after the outage.
        while (waited.Elapsed < TimeSpan.FromSeconds(150))
        {
            stored = await FaultPlant.CountAsync(client);
            if (stored >= sent && BreachPlant.BreachesIn(ledger).Count >= plant.Presses && (await issues.ByEpisodeAsync()).Count >= plant.Presses) break;
            await Task.Delay(1000);
        }
        await Task.Delay(1000);
        stored = await FaultPlant.CountAsync(client);
        var breaches = BreachPlant.BreachesIn(ledger);
        var byEpisode = await issues.ByEpisodeAsync();
        var running = gateway.IsRunning;
        gateway.KillHard();
        await File.WriteAllTextAsync(TestArtifacts.File("chaos-outage-gateway.log"), gateway.Log);
        var (verifyExit, verifyOutput) = await ValueGuardCommand.VerifyAsync(ledger);

        FaultSummary.Report(output, "outage", ("iterations", 1), ("broker_down_s", BrokerDown.TotalSeconds), ("influx_down_s", Math.Round(influxDown.TotalSeconds)),
            ("redmine_down_s", Math.Round(redmineDown.TotalSeconds)), ("samples_sent", sent), ("stored", stored),
            ("tickets_expected", breaches.Count), ("created", byEpisode.Values.Sum(v => v.Count)), ("ledger_verify", verifyExit == 0 ? "ok" : "FAILED"));
        Assert.True(running, "the gateway must ride out the outages:\n" + gateway.Log[..Math.Min(4000, gateway.Log.Length)]);
        Assert.True(stored == sent, $"stored {stored} of {sent} acknowledged messages");
        Assert.Equal(plant.Presses, breaches.Count);
        Assert.All(breaches, b => Assert.True(byEpisode.TryGetValue($"{plant.ContractId}/{b.Clause}/{b.Episode}", out var ids) && ids.Count == 1,
            $"episode {b.Clause}/{b.Episode} must have exactly one issue"));
        Assert.Equal(breaches.Count, byEpisode.Count);
        Assert.Contains("\"SpoolForwardFailed\"", gateway.Log);
        Assert.Contains("\"TicketActionFailed\"", gateway.Log);
        Assert.True(verifyExit == 0, verifyOutput);
    }

    private static async Task PublishAsync(MosquittoProcess broker, int from, int to)
    {
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("outage-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await FaultPlant.PublishAsync(mqtt, "outage-plant", Devices, from, to);
        await mqtt.DisconnectAsync();
    }
}
