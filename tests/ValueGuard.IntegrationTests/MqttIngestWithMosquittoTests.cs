using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Simulator.Publishing;
using ValueGuard.Simulator.Scenarios;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto.</summary>
[Collection(MosquittoCollection.Name)]
public class MqttIngestWithMosquittoTests(MosquittoBroker mosquitto)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static SiteModel Site()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model!;
    }

    private MqttIngestService Ingest(SiteModel site, EmbeddedTimeSeriesStore store, string clientId) =>
        new(new MqttIngestOptions { Broker = mosquitto.Url, ClientId = clientId }, new SiteMessageRouter(site, limits: TimestampLimits.None), store, TimeProvider.System,
            NullLogger<MqttIngestService>.Instance);

    [Fact]
    public async Task Samples_published_through_mosquitto_arrive_in_the_store()
    {
        using var dir = new TempDirectory();
        var site = Site();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = Ingest(site, store, "vg-it-" + Guid.NewGuid().ToString("N")[..8]);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect to mosquitto");

        await using var publisher = await TelemetryPublisher.ConnectAsync(mosquitto.Url, "sim-" + Guid.NewGuid().ToString("N")[..8], default);
        var messages = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []).Messages(T0, T0.AddHours(6));
        await publisher.PublishAsync(messages, default);
        await Eventually.WaitFor(() => ingest.Counters.Done >= messages.Count, "all messages to be stored");
        await ingest.StopAsync(default);

        Assert.Equal(messages.Count, ingest.Counters.Stored);
        Assert.Equal(0, ingest.Counters.Rejected);
        var running = await store.ReadAsync(new SignalId("press-07", "running"), T0, T0.AddHours(6), default);
        Assert.Equal(72, running.Count);
        Assert.All(running, s => Assert.Equal(1.0, s.Value));
    }

    [Fact]
    public async Task Messages_sent_while_the_gateway_is_away_are_delivered_when_it_returns()
    {
        // Repeated: the gateway stopping right after it became ready must already have its session subscribed.
        for (var round = 0; round < 5; round++)
        {
            using var dir = new TempDirectory();
            var site = Site();
            var clientId = "vg-it-session-" + Guid.NewGuid().ToString("N")[..8];
            using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
            using (var first = Ingest(site, store, clientId))
            {
                await first.StartAsync(default);
                await Eventually.WaitFor(() => first.IsReady, "the first connection");
                await first.StopAsync(default);
            }

            await using (var publisher = await TelemetryPublisher.ConnectAsync(mosquitto.Url, "sim-" + Guid.NewGuid().ToString("N")[..8], default))
                await publisher.PublishAsync(new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []).Messages(T0, T0.AddHours(2)), default);

            using var second = Ingest(site, store, clientId);
            await second.StartAsync(default);
            await Eventually.WaitFor(() => second.Counters.Done >= 48, $"the queued messages in round {round}");
            await second.StopAsync(default);

            Assert.Equal(48, second.Counters.Stored);
            Assert.Equal(24, (await store.ReadAsync(new SignalId("mes-gw", "api_total"), T0, T0.AddHours(2), default)).Count);
        }
    }
}
