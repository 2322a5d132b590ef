using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>Needs: mosquitto, influxd. The gateway runs as a child process; its InfluxDB is stopped for 2 minutes.</summary>
[Collection(MosquittoCollection.Name)]
public class InfluxOutageTests(MosquittoBroker mosquitto)
{
    private const int Devices = 10;

    private static async Task<long> CountAsync(InfluxDbClient client)
    {
        await foreach (var series in client.QueryAsync("SELECT COUNT(\"value\") FROM \"samples\" WHERE \"signal\" = 'parts'", default))
            foreach (var row in series.Values) return row[1].GetInt64();
        return 0;
    }

    private static async Task PublishAsync(IMqttClient mqtt, int from, int to)
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = from; i < to; i++)
        {
            var payload = string.Create(CultureInfo.InvariantCulture, $$"""{"ts":{{t0 + i / Devices * 1000}},"state":{"running":true},"parts":{{i}}}""");
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"plant/outage-plant/m{i % Devices}/telemetry")
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
    }

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
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: outage {"}"}
            devices:
            {string.Concat(Enumerable.Range(0, Devices).Select(d => $"  - {{ id: m{d}, profile: press-plc-json }}\n"))}
            """);
        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("outage-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = "outage" }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);

        await PublishAsync(mqtt, 0, 5_000);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await CountAsync(client) < 5_000) { Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the first 5,000 points did not arrive"); await Task.Delay(200); }
        influx.Stop();
        var down = System.Diagnostics.Stopwatch.StartNew();
        await PublishAsync(mqtt, 5_000, 15_000); // acknowledged by the gateway while InfluxDB is down: only the spool holds them
        await Eventually.WaitFor(() => down.Elapsed >= TimeSpan.FromMinutes(2), "two minutes of outage", 180);
        await influx.StartAsync();
        await PublishAsync(mqtt, 15_000, 20_000);

        await Eventually.WaitFor(() => gateway.Log.Contains("\"SpoolDrained\"", StringComparison.Ordinal), "the spool to drain", 150);
        Assert.Equal(20_000, await CountAsync(client));
        Assert.Contains("\"SpoolForwardFailed\"", gateway.Log);
    }
}
