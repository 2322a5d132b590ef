using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

[CollectionDefinition(Name)]
public sealed class GatewayFaultCollection : ICollectionFixture<MosquittoBroker>, ICollectionFixture<InfluxServer>
{
    public const string Name = "gateway faults (mosquitto + InfluxDB)";
}

/// <summary>Needs: mosquitto, InfluxDB. The gateway runs as a child process and is killed with SIGKILL.</summary>
[Collection(GatewayFaultCollection.Name)]
public class GatewayKillTests(MosquittoBroker mosquitto, InfluxServer influx)
{
    private const int Devices = 50;
    private const int Messages = 100_000;

    private static string Site(TempDirectory dir, Uri broker, Uri influxUrl, string database) => dir.Write("site.yaml", $"""
        site: fault-plant
        broker: {"{"} url: "{broker}", client_id: vg-fault-{Guid.NewGuid():N} {"}"}
        data_dir: data
        {FaultPlant.Ingest}
        device_profiles: [{RepoPaths.DeviceProfiles}]
        store: {"{"} kind: influxdb, url: "{influxUrl}", database: {database} {"}"}
        devices:
        {FaultPlant.Devices(Devices)}
        """);

    private static async Task WaitForCountAsync(InfluxDbClient client, Func<long, bool> condition, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition(await FaultPlant.CountAsync(client)) && waited.Elapsed < timeout) await Task.Delay(200);
    }

    /// <summary>
    /// 100k QoS 1 messages wait in mosquitto for the gateway's persistent session; the gateway is killed
    /// with SIGKILL in the middle of taking them in (a burst, so it holds a backlog in memory), then
    /// started again. A message acknowledged before it was durable would be missing; one written twice
    /// would not change InfluxDB's count (same series and time), so the count must be exactly 100k.
    /// </summary>
    [Fact]
    public async Task Killing_the_gateway_during_ingest_loses_no_acknowledged_message_and_stores_none_twice()
    {
        using var dir = new TempDirectory();
        var database = InfluxServer.NewDatabaseName();
        var site = Site(dir, mosquitto.Url, influx.Url, database);
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = database }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);

        using (var sessionOnly = GatewayProcess.Start(site))
        {
            await sessionOnly.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
            sessionOnly.KillHard();
        }
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("fault-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await FaultPlant.PublishAsync(mqtt, "fault-plant", Devices, 0, Messages);

        long storedAtKill;
        using (var killed = GatewayProcess.Start(site))
        {
            await WaitForCountAsync(client, n => n >= Messages / 10, TimeSpan.FromMinutes(2));
            killed.KillHard();
            storedAtKill = await FaultPlant.CountAsync(client);
        }
        using var survivor = GatewayProcess.Start(site);
        await survivor.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        await WaitForCountAsync(client, n => n >= Messages, TimeSpan.FromMinutes(4));
        // The count must also stay at 100k while the survivor drains whatever it still held: nothing twice.
        long stored = 0;
        for (var settled = 0; settled < 10; settled++)
        {
            stored = await FaultPlant.CountAsync(client);
            await Task.Delay(200);
        }

        Assert.True(storedAtKill is > 0 and < Messages, $"the kill must come mid-ingest; {storedAtKill} were stored at the kill");
        Assert.True(stored == Messages, $"stored {stored} of {Messages} (at the kill: {storedAtKill})\n{survivor.Log[..Math.Min(4000, survivor.Log.Length)]}");
    }
}
