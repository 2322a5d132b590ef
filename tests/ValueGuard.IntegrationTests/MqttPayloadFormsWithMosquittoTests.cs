using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto. Batches of timestamped readings and plain payloads through a real broker into the store.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class MqttPayloadFormsWithMosquittoTests(MosquittoBroker mosquitto) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();

    private SiteModel Site()
    {
        dir.Write("profiles/plain-sensor.yaml", """
            profile: plain-sensor
            transport: mqtt
            mqtt: { topic: "sensors/{device}/{signal}", payload: plain }
            signals:
              temperature: { field: temp, type: float, unit: degC }
              power: { field: POWER, type: bool, values: { "ON": 1, "OFF": 0 } }
            """);
        var (model, errors) = SiteModelLoader.Load(dir.Write("site.yaml", $"""
            site: it-plant
            ingest: {"{"} max_future: 5m, max_past: 3650d {"}"}
            device_profiles: [{RepoPaths.DeviceProfiles}, profiles]
            devices:
              - {"{"} id: plc-1, profile: plc-gateway-json {"}"}
              - {"{"} id: th-1, profile: plain-sensor {"}"}
            """));
        Assert.Empty(errors);
        return model!;
    }

    private static string Reading(string tag, string value, bool good, DateTimeOffset at) =>
        $$"""{"id":"Press.PLC.{{tag}}","v":{{value}},"q":{{(good ? "true" : "false")}},"t":{{at.ToUnixTimeMilliseconds()}}}""";

    private static string Batch(params string[] readings) => $$"""{"timestamp":{{T0.ToUnixTimeMilliseconds()}},"values":[{{string.Join(',', readings)}}]}""";

    [Fact]
    public async Task Batches_keep_their_good_items_and_dead_letter_each_bad_one_and_plain_values_are_stored()
    {
        var router = new SiteMessageRouter(Site());
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = new MqttIngestService(new MqttIngestOptions
        {
            Broker = mosquitto.Url,
            ClientId = "vg-it-forms-" + Guid.NewGuid().ToString("N")[..8],
            DeadLetterPath = dir.File("dead-letter.jsonl"),
        }, router, store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect to mosquitto");
        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("sim-forms-" + Guid.NewGuid().ToString("N")[..8]).Build());
        Task Publish(string topic, string payload) => publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var sentAt = DateTimeOffset.UtcNow;

        await Publish("plant/plc-1/iotgateway", Batch(
            Reading("Temperature", "60.5", true, T0),
            Reading("Temperature", "\"hot\"", true, T0.AddSeconds(1)),
            Reading("Running", "true", true, T0.AddSeconds(2)),
            Reading("Temperature", "99", false, T0.AddSeconds(3)),
            Reading("Temperature", "61.5", true, T0.AddSeconds(4))));
        await Publish("sensors/th-1/temp", "21.5");
        await Publish("sensors/th-1/temp", "NaN");
        await Publish("sensors/th-1/POWER", "ON");
        await Publish("plant/plc-1/iotgateway", Batch(Reading("Temperature", "62.5", true, T0.AddSeconds(5)), Reading("PartCount", "1200", true, T0.AddSeconds(5))));

        await Eventually.WaitFor(() => ingest.Counters.Done >= 5, "all five messages to be stored or rejected");
        await ingest.StopAsync(default);

        Assert.Equal((4L, 1L, 2L), (ingest.Counters.Stored, ingest.Counters.Rejected, ingest.Counters.RejectedItems));
        async Task<double[]> Values(string device, string signal, DateTimeOffset from) =>
            (await store.ReadAsync(new SignalId(device, signal), from, from.AddHours(1), default)).Select(s => s.Value).ToArray();
        Assert.Equal(new[] { 60.5, 61.5, 62.5 }, await Values("plc-1", "temperature", T0));
        Assert.Equal(new[] { 1.0 }, await Values("plc-1", "running", T0));
        Assert.Equal(new[] { 1200.0 }, await Values("plc-1", "parts", T0));
        Assert.Equal(new[] { 21.5 }, await Values("th-1", "temperature", sentAt.AddMinutes(-1)));
        Assert.Equal(new[] { 1.0 }, await Values("th-1", "power", sentAt.AddMinutes(-1)));
        Assert.Equal(
            new Dictionary<(string, string), long> { [("wrong-type", "plc-1")] = 1, [("bad-quality", "plc-1")] = 1, [("not-finite", "th-1")] = 1 }.OrderBy(e => e.Key),
            ingest.Counters.RejectedByReasonAndDevice.OrderBy(e => e.Key));
        var deadLetters = File.ReadAllLines(dir.File("dead-letter.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["wrong-type", "bad-quality", "not-finite"], deadLetters.Select(d => d.GetProperty("reason").GetString()));
        Assert.Equal(Reading("Temperature", "\"hot\"", true, T0.AddSeconds(1)), Encoding.UTF8.GetString(deadLetters[0].GetProperty("payload_base64").GetBytesFromBase64()));
        Assert.StartsWith("item 3: ", deadLetters[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
