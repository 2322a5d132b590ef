using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Storage.Influx;

namespace ValueGuard.EndToEnd;

/// <summary>
/// The simulated plant: devices m00, m01, … on the press-plc-json profile (the payload of the
/// integration tests' FaultPlant). Message i goes to device i mod N with its own timestamp, so every
/// message is one distinct point of each of its three signals.
/// </summary>
internal static class BenchPlant
{
    public const string Site = "bench-plant";
    public const int Devices = 50;

    /// <summary>QoS 1 publishes each simulated machine keeps in flight on its own connection.</summary>
    private const int Window = 32;

    // Historic timestamps (the site allows them with ingest.max_past), so every run writes the same points.
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static string TopicFilter => $"plant/{Site}/+/telemetry";

    public static string DeviceList() =>
        string.Concat(Enumerable.Range(0, Devices).Select(d => $"  - {{ id: m{d:00}, profile: press-plc-json }}\n"));

    /// <summary>One MQTT connection per simulated machine (connected before any timing starts).</summary>
    public static async Task<IMqttClient[]> ConnectAsync(Uri broker)
    {
        var factory = new MqttClientFactory();
        var clients = new IMqttClient[Devices];
        for (var d = 0; d < Devices; d++)
        {
            clients[d] = factory.CreateMqttClient();
            await clients[d].ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
                .WithClientId($"bench-m{d:00}-{Guid.NewGuid():N}"[..24]).WithCleanSession(true).Build());
        }
        return clients;
    }

    /// <summary>
    /// Publishes messages 0..count-1, machine d on clients[d], each keeping <see cref="Window"/> QoS 1
    /// publishes in flight; returns once the broker has acknowledged every one.
    /// </summary>
    public static Task PublishAsync(IMqttClient[] clients, int count) =>
        Task.WhenAll(Enumerable.Range(0, Devices).Select(d => PublishMachineAsync(clients[d], d, count)));

    public static async Task DisconnectAsync(IMqttClient[] clients)
    {
        foreach (var client in clients)
        {
            if (client.IsConnected) await client.DisconnectAsync();
            client.Dispose();
        }
    }

    private static async Task PublishMachineAsync(IMqttClient client, int device, int count)
    {
        var topic = $"plant/{Site}/m{device:00}/telemetry";
        var pending = new Queue<Task>(Window);
        for (var i = device; i < count; i += Devices)
        {
            if (pending.Count == Window) await pending.Dequeue();
            var payload = string.Create(CultureInfo.InvariantCulture,
                $$"""{"ts":{{T0 + i / Devices * 1000}},"state":{"running":true},"temp_c":{{20 + i % 7}},"parts":{{i}}}""");
            pending.Enqueue(client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        }
        while (pending.Count > 0) await pending.Dequeue();
    }

    /// <summary>Points in the database: of signal "parts" (one per message), or of every signal when null.</summary>
    public static async Task<long> CountAsync(InfluxDbClient client, string? signal)
    {
        var where = signal is null ? "" : $" WHERE \"signal\" = '{signal}'";
        long total = 0;
        await foreach (var series in client.QueryAsync($"SELECT COUNT(\"value\") FROM \"samples\"{where}", default))
            foreach (var row in series.Values) total += row[1].GetInt64();
        return total;
    }
}
