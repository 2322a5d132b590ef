using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Gateway.Broker;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Simulator.Publishing;
using ValueGuard.Simulator.Scenarios;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class IngestOverMqttTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A store that fails its first writes, as a full disk or a locked file would.</summary>
    private sealed class FlakyStore(ITimeSeriesStore inner, int failures) : ITimeSeriesStore
    {
        private int left = failures;

        public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref left) >= 0 ? throw new IOException("disk I/O error") : inner.WriteAsync(samples, cancellationToken);

        public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            inner.ReadAsync(signal, from, to, cancellationToken);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Messages_published_over_mqtt_arrive_in_the_store_and_bad_ones_are_counted()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        await using var broker = await EmbeddedBroker.StartAsync();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = new MqttIngestService(new MqttIngestOptions { Broker = broker.Url, ClientId = "gw-test", DeadLetterPath = dir.File("dead-letter.jsonl") },
            new SiteMessageRouter(site, limits: TimestampLimits.None), store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect");

        await using var publisher = await TelemetryPublisher.ConnectAsync(broker.Url, "sim", default);
        var scenario = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []);
        var good = scenario.Messages(T0, T0.AddHours(2));
        await publisher.PublishAsync(good.Take(10), default);
        await publisher.PublishAsync([
            new TelemetryMessage("plant/acme-plant-1/press-07/telemetry", Encoding.UTF8.GetBytes("{not json"), T0),
            new TelemetryMessage("plant/acme-plant-1/press-99/telemetry", Encoding.UTF8.GetBytes("{\"ts\":1}"), T0),
        ], default);
        await publisher.PublishAsync(good.Skip(10), default);
        await Eventually.WaitFor(() => ingest.Counters.Done >= good.Count + 2, "ingest to finish");
        await ingest.StopAsync(default);

        Assert.Equal(good.Count, ingest.Counters.Stored);
        Assert.Equal(1, ingest.Counters.RejectedByReason["invalid-json"]);
        Assert.Equal(1, ingest.Counters.RejectedByReason["unknown-device"]);
        var running = await store.ReadAsync(new SignalId("press-07", "running"), T0, T0.AddHours(2), default);
        Assert.Equal(24, running.Count);
        Assert.Equal(24, (await store.ReadAsync(new SignalId("mes-gw", "api_total"), T0, T0.AddHours(2), default)).Count);
        var dead = (await File.ReadAllLinesAsync(dir.File("dead-letter.jsonl"))).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["invalid-json", "unknown-device"], dead.Select(d => d.GetProperty("reason").GetString()));
        Assert.Equal("{not json", Encoding.UTF8.GetString(Convert.FromBase64String(dead[0].GetProperty("payload_base64").GetString()!)));
        Assert.Equal("plant/acme-plant-1/press-99/telemetry", dead[1].GetProperty("topic").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("dead-letter.jsonl")));
    }

    [Fact]
    public async Task A_failing_store_holds_messages_until_it_works_again_and_loses_none()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        await using var broker = await EmbeddedBroker.StartAsync();
        using var inner = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = new MqttIngestService(
            new MqttIngestOptions { Broker = broker.Url, ClientId = "gw-flaky", ReconnectMinDelay = TimeSpan.FromMilliseconds(10) },
            new SiteMessageRouter(site, limits: TimestampLimits.None), new FlakyStore(inner, failures: 3), TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect");

        await using var publisher = await TelemetryPublisher.ConnectAsync(broker.Url, "sim", default);
        var messages = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []).Messages(T0, T0.AddHours(1));
        await publisher.PublishAsync(messages, default);
        await Eventually.WaitFor(() => ingest.Counters.Done >= messages.Count, "ingest to finish");
        await ingest.StopAsync(default);

        Assert.Equal(messages.Count, ingest.Counters.Stored);
        Assert.Equal(messages.Count / 2 * 3 + messages.Count / 2 * 2, await inner.CountAsync(default));
    }

    [Fact]
    public async Task A_subscription_file_that_cannot_be_written_does_not_keep_ingest_off_the_broker()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        await using var broker = await EmbeddedBroker.StartAsync();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = new MqttIngestService(
            new MqttIngestOptions { Broker = broker.Url, ClientId = "gw-no-memory", SubscriptionsPath = dir.File("no-such-folder/mqtt-subscriptions.json") },
            new SiteMessageRouter(site, limits: TimestampLimits.None), store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect");

        await using var publisher = await TelemetryPublisher.ConnectAsync(broker.Url, "sim", default);
        var messages = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []).Messages(T0, T0.AddMinutes(10));
        await publisher.PublishAsync(messages, default);
        await Eventually.WaitFor(() => ingest.Counters.Done >= messages.Count, "ingest to finish");
        await ingest.StopAsync(default);

        Assert.Equal(messages.Count, ingest.Counters.Stored);
        Assert.Equal(0, ingest.Counters.ConnectFailures);
        Assert.False(File.Exists(dir.File("no-such-folder/mqtt-subscriptions.json")));
    }
}
