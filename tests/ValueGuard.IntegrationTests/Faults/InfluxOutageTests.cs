using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>Needs: mosquitto, influxd. The gateway runs as a child process; its InfluxDB is stopped for 2 minutes.</summary>
[Collection(MosquittoCollection.Name)]
public class InfluxOutageTests(MosquittoBroker mosquitto)
{
    private const int Devices = 10;

    [Fact]
    public async Task Stopping_influxdb_for_two_minutes_during_ingest_loses_nothing_and_the_spool_drains()
    {
        using var dir = new TempDirectory();
        using var influx = new InfluxProcess(Directory.CreateDirectory(dir.File("influxd")).FullName);
        await influx.StartAsync();
        var site = dir.Write("site.yaml", $"""
            site: outage-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-outage-{Guid.NewGuid():N} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: outage {"}"}
            devices:
            {FaultPlant.Devices(Devices)}
            """);
        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("outage-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = "outage" }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);

        await FaultPlant.PublishAsync(mqtt, "outage-plant", Devices, 0, 5_000);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await FaultPlant.CountAsync(client) < 5_000) { Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the first 5,000 points did not arrive"); await Task.Delay(200); }
        influx.Stop();
        var down = System.Diagnostics.Stopwatch.StartNew();
        await FaultPlant.PublishAsync(mqtt, "outage-plant", Devices, 5_000, 15_000); // acknowledged by the gateway while InfluxDB is down: only the spool holds them
        await Eventually.WaitFor(() => down.Elapsed >= TimeSpan.FromMinutes(2), "two minutes of outage", 180);
        await influx.StartAsync();
        await FaultPlant.PublishAsync(mqtt, "outage-plant", Devices, 15_000, 20_000);

        await Eventually.WaitFor(() => gateway.Log.Contains("\"SpoolDrained\"", StringComparison.Ordinal), "the spool to drain", 150);
        Assert.Equal(20_000, await FaultPlant.CountAsync(client));
        Assert.Contains("\"SpoolForwardFailed\"", gateway.Log);
    }

    /// <summary>
    /// After a power cut the gateway may boot before InfluxDB: it must start, acknowledge into its spool, and
    /// forward everything once InfluxDB answers (creating the database then).
    /// </summary>
    [Fact]
    public async Task A_gateway_started_before_influxdb_spools_and_forwards_everything_once_it_answers()
    {
        using var dir = new TempDirectory();
        using var influx = new InfluxProcess(Directory.CreateDirectory(dir.File("influxd")).FullName);
        var site = dir.Write("site.yaml", $"""
            site: late-influx-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-late-{Guid.NewGuid():N} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: late {"}"}
            devices:
            {FaultPlant.Devices(Devices)}
            """);
        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("late-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());

        await FaultPlant.PublishAsync(mqtt, "late-influx-plant", Devices, 0, 2_000);
        await Eventually.WaitFor(() => gateway.Log.Contains("\"SpoolForwardFailed\"", StringComparison.Ordinal), "the gateway to find InfluxDB down", 60);
        await influx.StartAsync();
        await Eventually.WaitFor(() => gateway.Log.Contains("\"SpoolDrained\"", StringComparison.Ordinal), "the spool to drain", 150);

        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = "late" }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        Assert.Equal(2_000, await FaultPlant.CountAsync(client));
        Assert.Contains("\"InfluxUnavailable\"", gateway.Log);
    }
}
