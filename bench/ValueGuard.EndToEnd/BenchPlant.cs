using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
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
    private static readonly int Window = int.TryParse(Environment.GetEnvironmentVariable("VG_BENCH_WINDOW"), out var w) && w > 1 ? w : 32;

    // Historic timestamps (the site allows them with ingest.max_past), so every run writes the same points.
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static string TopicFilter => $"plant/{Site}/+/telemetry";

    public static string DeviceList() =>
        string.Concat(Enumerable.Range(0, Devices).Select(d => $"  - {{ id: m{d:00}, profile: press-plc-json }}\n"));

    /// <summary>
    /// The publisher the run uses: the bench's own hand-written MQTT client (<see cref="RawPublisher"/>, the default)
    /// or MQTTnet (<c>VG_BENCH_PUBLISHER=mqttnet</c>, the publisher of rounds 1 to 4).
    /// </summary>
    public static string PublisherKind => Environment.GetEnvironmentVariable("VG_BENCH_PUBLISHER") == "mqttnet" ? "mqttnet" : "raw";

    /// <summary>One MQTT connection per simulated machine (connected before any timing starts).</summary>
    public static async Task<object[]> ConnectAsync(Uri broker)
    {
        var factory = new MqttClientFactory();
        var clients = new object[Devices];
        for (var d = 0; d < Devices; d++)
        {
            var id = $"bench-m{d:00}-{Guid.NewGuid():N}"[..24];
            if (PublisherKind == "raw")
            {
                clients[d] = await RawPublisher.ConnectAsync(broker, id);
                continue;
            }
            var client = factory.CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId(id).WithCleanSession(true).Build());
            clients[d] = client;
        }
        return clients;
    }

    /// <summary>
    /// Ends a subscriber's persistent session (a clean-session connect discards it). Left behind, it stays subscribed
    /// to the plant's topics, and the broker queues every later message for it: in the next measurement mosquitto
    /// would do that work on top of delivering to the subscriber measured.
    /// </summary>
    public static async Task ForgetSessionAsync(Uri broker, string clientId)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId(clientId).WithCleanSession(true).Build());
        await client.DisconnectAsync();
    }

    /// <summary>
    /// Publishes messages first..first+count-1 (message i on machine i mod <see cref="Devices"/>, clients[d]), each
    /// machine keeping <see cref="Window"/> QoS 1 publishes in flight; returns once the broker has acknowledged every
    /// one. Messages with different numbers are different points, so a warm-up numbered after the measured messages
    /// adds to what InfluxDB holds instead of overwriting it.
    /// </summary>
    public static Task PublishAsync(object[] clients, int count, int first = 0) =>
        Task.WhenAll(Enumerable.Range(0, Devices).Select(d => clients[d] switch
        {
            RawPublisher raw => raw.PublishAsync(Topic(d), MessagesOf(d, first, count).Select(i => Encoding.UTF8.GetBytes(Payload(i))), Window),
            IMqttClient client => PublishMachineAsync(client, d, first, count),
            _ => throw new InvalidOperationException("unknown publisher"),
        }));

    public static async Task DisconnectAsync(object[] clients)
    {
        foreach (var c in clients)
        {
            if (c is RawPublisher raw)
            {
                await raw.DisconnectAsync();
                raw.Dispose();
            }
            else if (c is IMqttClient client)
            {
                if (client.IsConnected) await client.DisconnectAsync();
                client.Dispose();
            }
        }
    }

    private static string Topic(int device) => $"plant/{Site}/m{device:00}/telemetry";

    private static IEnumerable<int> MessagesOf(int device, int first, int count)
    {
        for (var i = first + ((device - first % Devices) % Devices + Devices) % Devices; i < first + count; i += Devices) yield return i;
    }

    private static string Payload(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"ts":{{T0 + i / Devices * 1000}},"state":{"running":true},"temp_c":{{20 + i % 7}},"parts":{{i}}}""");

    private static async Task PublishMachineAsync(IMqttClient client, int device, int first, int count)
    {
        var topic = Topic(device);
        var pending = new Queue<Task>(Window);
        foreach (var i in MessagesOf(device, first, count))
        {
            if (pending.Count == Window) await pending.Dequeue();
            pending.Enqueue(client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(Payload(i))).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        }
        while (pending.Count > 0) await pending.Dequeue();
    }

    /// <summary>Samples in the database: of signal "parts" (one per message), or of every signal when null.</summary>
    public static Task<long> CountAsync(InfluxDbClient client, string? signal) =>
        InfluxTimeSeriesStore.Create(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance).CountAsync(signal, default);
}
