using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;
using Metric = ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf.Payload.Types.Metric;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto. Bad input of every class next to good messages, and Sparkplug B through a real broker.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class MqttBadInputWithMosquittoTests(MosquittoBroker mosquitto) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();

    private SiteModel Site(string extraDevice = "")
    {
        var (model, errors) = SiteModelLoader.Load(dir.Write("site.yaml", $"""
            site: it-plant
            ingest: {"{"} max_future: 5m, max_past: 3650d {"}"}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
              - {"{"} id: edge-1, profile: sparkplug-b-edge-node {"}"}
              - {"{"} id: pibrella-1, profile: sparkplug-b-device {"}"}
            {extraDevice}
            """));
        Assert.Empty(errors);
        return model!;
    }

    private SiteMessageRouter? router;

    private async Task<(MqttIngestService Ingest, EmbeddedTimeSeriesStore Store)> StartAsync(SiteModel? site = null, string? clientId = null, string? subscriptionsPath = null)
    {
        router = new SiteMessageRouter(site ?? Site());
        var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        var ingest = new MqttIngestService(new MqttIngestOptions
        {
            Broker = mosquitto.Url,
            ClientId = clientId ?? "vg-it-bad-" + Guid.NewGuid().ToString("N")[..8],
            DeadLetterPath = dir.File("dead-letter.jsonl"),
            SubscriptionsPath = subscriptionsPath,
        }, router, store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect to mosquitto");
        return (ingest, store);
    }

    private async Task<IMqttClient> PublisherAsync()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port)
            .WithClientId("sim-bad-" + Guid.NewGuid().ToString("N")[..8]).Build());
        return client;
    }

    private static Task PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    [Fact]
    public async Task Every_bad_input_class_is_dead_lettered_and_counted_per_device_and_the_good_messages_around_it_are_stored()
    {
        var (ingest, store) = await StartAsync();
        using var _ = ingest;
        using var __ = store;
        using var publisher = await PublisherAsync();
        const string press = "plant/it-plant/press-07/telemetry";
        var bad = new (string Topic, byte[] Payload, string Reason, string Device)[]
        {
            (press, "{\"ts\":1,\"temp_c\":"u8.ToArray(), "invalid-json", "press-07"),
            (press, "{\"ts\":1772323200000,\"temp_c\":\"hot\"}"u8.ToArray(), "wrong-type", "press-07"),
            (press, "{\"ts\":1772323200000,\"temp_c\":1e400}"u8.ToArray(), "not-finite", "press-07"),
            (press, "{\"ts\":1772323200000,\"pressure\":3}"u8.ToArray(), "no-signals", "press-07"),
            (press, "{\"temp_c\":20}"u8.ToArray(), "bad-timestamp", "press-07"),
            (press, Encoding.UTF8.GetBytes("{\"ts\":1772323200000,\"temp_c\":" + new string(' ', 10 * 1024 * 1024) + "1}"), "oversize", "press-07"),
            (press, Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "invalid-json", "press-07"),
            ("plant/it-plant/press-99/telemetry", "{\"ts\":1772323200000,\"temp_c\":20}"u8.ToArray(), "unknown-device", "press-99"),
            (press, "{\"ts\":4102444800000,\"temp_c\":20}"u8.ToArray(), "future-timestamp", "press-07"),
            (press, "{\"ts\":1000000000000,\"temp_c\":20}"u8.ToArray(), "past-timestamp", "press-07"),
        };
        for (var i = 0; i <= bad.Length; i++)
        {
            var good = $$"""{"ts":{{T0.AddMinutes(i).ToUnixTimeMilliseconds()}},"state":{"running":true},"temp_c":{{20 + i}},"parts":{{i}}}""";
            await PublishAsync(publisher, press, Encoding.UTF8.GetBytes(good));
            if (i < bad.Length) await PublishAsync(publisher, bad[i].Topic, bad[i].Payload);
        }

        await Eventually.WaitFor(() => ingest.Counters.Done >= 2 * bad.Length + 1, "every message to be stored or rejected");
        await ingest.StopAsync(default);

        Assert.Equal(bad.Length + 1, ingest.Counters.Stored);
        var temperatures = await store.ReadAsync(new SignalId("press-07", "temperature"), T0, T0.AddHours(1), default);
        Assert.Equal(Enumerable.Range(20, bad.Length + 1).Select(v => (double)v), temperatures.Select(s => s.Value));
        var expected = bad.GroupBy(b => (b.Reason, b.Device)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), ingest.Counters.RejectedByReasonAndDevice.OrderBy(e => e.Key));
        var deadLetters = File.ReadAllLines(dir.File("dead-letter.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(bad.Select(b => b.Reason), deadLetters.Select(d => d.GetProperty("reason").GetString()));
        Assert.Equal(bad[5].Payload.Length, deadLetters.Single(d => d.GetProperty("reason").GetString() == "oversize").GetProperty("payload_bytes").GetInt64());
    }

    /// <summary>A gateway run of the site as it was, with a Tasmota plug (topic tele/+/SENSOR) on the client's session.</summary>
    private async Task RunEarlierSiteWithPlugAsync(string clientId, string? subscriptionsPath)
    {
        var (earlier, earlierStore) = await StartAsync(Site("  - { id: plug-1, profile: tasmota-energy-sensor }"), clientId, subscriptionsPath);
        await earlier.StopAsync(default);
        earlier.Dispose();
        earlierStore.Dispose();
        File.Delete(dir.File("samples.db"));
    }

    /// <summary>Press message at T0, a message of the removed plug, press message at T0+1 min: one publisher, QoS 1, in order.</summary>
    private async Task PublishPressPlugPressAsync()
    {
        using var publisher = await PublisherAsync();
        const string press = "plant/it-plant/press-07/telemetry";
        string Good(int i) => $$"""{"ts":{{T0.AddMinutes(i).ToUnixTimeMilliseconds()}},"temp_c":{{20 + i}}}""";
        await PublishAsync(publisher, press, Encoding.UTF8.GetBytes(Good(0)));
        await PublishAsync(publisher, "tele/plug-1/SENSOR", """{"ENERGY":{"Power":42}}"""u8.ToArray());
        await PublishAsync(publisher, press, Encoding.UTF8.GetBytes(Good(1)));
    }

    /// <summary>
    /// A persistent session keeps the subscriptions of an earlier site file: after a device (and its profile's topic) is
    /// removed, the broker still delivers that topic. It is an unknown topic now: dead-lettered, counted, acknowledged.
    /// </summary>
    [Fact]
    public async Task A_topic_left_over_in_the_session_from_an_earlier_site_is_an_unknown_topic_and_the_good_messages_around_it_are_stored()
    {
        var clientId = "vg-it-leftover-" + Guid.NewGuid().ToString("N")[..8];
        await RunEarlierSiteWithPlugAsync(clientId, subscriptionsPath: null);

        var (ingest, store) = await StartAsync(Site(), clientId);
        using var _ = ingest;
        using var __ = store;
        await PublishPressPlugPressAsync();

        await Eventually.WaitFor(() => ingest.Counters.Done >= 3, "the three messages to be stored or rejected");
        await ingest.StopAsync(default);

        Assert.Equal((2L, 1L), (ingest.Counters.Stored, ingest.Counters.Rejected));
        Assert.Equal(1, ingest.Counters.RejectedByReasonAndDevice[("unknown-topic", "(none)")]);
        var temperatures = await store.ReadAsync(new SignalId("press-07", "temperature"), T0, T0.AddHours(1), default);
        Assert.Equal([20.0, 21.0], temperatures.Select(s => s.Value));
        var deadLetter = JsonDocument.Parse(File.ReadAllLines(dir.File("dead-letter.jsonl")).Single()).RootElement;
        Assert.Equal(("unknown-topic", "tele/plug-1/SENSOR"), (deadLetter.GetProperty("reason").GetString(), deadLetter.GetProperty("topic").GetString()));
    }

    /// <summary>
    /// The gateway remembers its filters in the data folder (as <c>valueguard run</c> does): on the next connect it
    /// unsubscribes the filter the site no longer uses, so the broker stops delivering that topic at all.
    /// </summary>
    [Fact]
    public async Task A_filter_the_site_no_longer_uses_is_unsubscribed_when_the_gateway_remembers_its_filters()
    {
        var clientId = "vg-it-forget-" + Guid.NewGuid().ToString("N")[..8];
        var remembered = dir.File("mqtt-subscriptions.json");
        await RunEarlierSiteWithPlugAsync(clientId, remembered);
        Assert.Contains("/SENSOR", File.ReadAllText(remembered), StringComparison.Ordinal);

        var (ingest, store) = await StartAsync(Site(), clientId, remembered);
        using var _ = ingest;
        using var __ = store;
        await PublishPressPlugPressAsync();

        // One publisher, QoS 1: had the broker delivered the left-over topic, it would have come before the second message.
        await Eventually.WaitFor(() => ingest.Counters.Stored >= 2, "the two press messages to be stored");
        await ingest.StopAsync(default);

        Assert.Equal((2L, 0L), (ingest.Counters.Stored, ingest.Counters.Rejected));
        Assert.DoesNotContain("/SENSOR", File.ReadAllText(remembered), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("dead-letter.jsonl")) && File.ReadAllText(dir.File("dead-letter.jsonl")).Length > 0, "nothing dead-lettered");
    }

    [Fact]
    public async Task Sparkplug_births_aliases_and_node_death_through_mosquitto_become_signals_and_online_state()
    {
        var (ingest, store) = await StartAsync();
        using var _ = ingest;
        using var __ = store;
        using var publisher = await PublisherAsync();
        var t = (ulong)T0.ToUnixTimeMilliseconds();
        static Metric Float(string? name, ulong? alias, float v, ulong ts) { var m = new Metric { Datatype = 9, FloatValue = v, Timestamp = ts }; if (name is not null) m.Name = name; if (alias is { } a) m.Alias = a; return m; }
        static Metric Bool(string? name, ulong? alias, bool v, ulong ts) { var m = new Metric { Datatype = 11, BooleanValue = v, Timestamp = ts }; if (name is not null) m.Name = name; if (alias is { } a) m.Alias = a; return m; }
        static byte[] Payload(ulong ts, ulong? seq, params Metric[] metrics) { var p = new Payload { Timestamp = ts }; if (seq is { } s) p.Seq = s; p.Metrics.AddRange(metrics); return p.ToByteArray(); }

        await PublishAsync(publisher, "spBv1.0/hall-2/NBIRTH/edge-1", Payload(t, 0, new Metric { Name = "bdSeq", Datatype = 8, LongValue = 1 }, Float("Supply Voltage", 1, 12.1f, t)));
        await PublishAsync(publisher, "spBv1.0/hall-2/DBIRTH/edge-1/pibrella-1", Payload(t, 1, Bool("Inputs/A", 10, false, t), Bool("Inputs/C", 11, false, t)));
        await PublishAsync(publisher, "spBv1.0/hall-2/DDATA/edge-1/pibrella-1", Payload(t + 1000, 2, Bool(null, 10, true, t + 1000)));
        await PublishAsync(publisher, "spBv1.0/hall-2/NDATA/edge-1", Payload(t + 2000, 3, Float(null, 1, 12.4f, t + 2000)));
        await PublishAsync(publisher, "spBv1.0/hall-2/NDEATH/edge-1", Payload(t + 3000, null, new Metric { Name = "bdSeq", Datatype = 8, LongValue = 1 }));

        await Eventually.WaitFor(() => ingest.Counters.Done >= 5, "the five Sparkplug messages");
        await ingest.StopAsync(default);

        Assert.Equal(0, ingest.Counters.Rejected);
        Assert.Equal(0, router!.Sparkplug!.SequenceGaps);
        async Task<double[]> Values(string device, string signal) =>
            (await store.ReadAsync(new SignalId(device, signal), T0, T0.AddHours(1), default)).Select(s => s.Value).ToArray();
        var edgeOnline = await Values("edge-1", "online");
        var deviceOnline = await Values("pibrella-1", "online");
        var inputA = await Values("pibrella-1", "input_a");
        Assert.Equal(new[] { 1.0, 0.0 }, edgeOnline);
        Assert.Equal(new[] { 1.0, 0.0 }, deviceOnline);
        Assert.Equal(new[] { 0.0, 1.0 }, inputA);
        Assert.Equal([12.1, 12.4], (await Values("edge-1", "supply_voltage")).Select(v => Math.Round(v, 3)));
    }

    public void Dispose() => dir.Dispose();
}
