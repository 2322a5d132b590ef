using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Simulator.Publishing;
using ValueGuard.Simulator.Scenarios;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto. The persistent session across a gateway that dies before writing, and a broker that restarts.</summary>
[Collection(MosquittoCollection.Name)]
public sealed class MqttSessionRecoveryWithMosquittoTests(MosquittoBroker mosquitto) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();

    private static SiteModel Site()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model!;
    }

    private static MqttIngestService Ingest(Uri broker, ITimeSeriesStore store, string clientId) =>
        new(new MqttIngestOptions { Broker = broker, ClientId = clientId, ReconnectMaxDelay = TimeSpan.FromSeconds(2) },
            new SiteMessageRouter(Site(), limits: TimestampLimits.None), store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);

    private static async Task<IReadOnlyList<TelemetryMessage>> PublishAsync(Uri broker, DateTimeOffset from, DateTimeOffset to)
    {
        var messages = new PressLineScenario(Site().Site.Id, "press-07", "mes-gw", []).Messages(from, to);
        await using var publisher = await TelemetryPublisher.ConnectAsync(broker, "sim-" + Guid.NewGuid().ToString("N")[..8], default);
        await publisher.PublishAsync(messages, default);
        return messages;
    }

    private static async Task<int> CountAsync(ITimeSeriesStore store, string device, string signal, DateTimeOffset from, DateTimeOffset to) =>
        (await store.ReadAsync(new SignalId(device, signal), from, to, default)).Count;

    /// <summary>A store whose writes never finish: the gateway holds the messages it received and cannot acknowledge them.</summary>
    private sealed class StuckStore : ITimeSeriesStore
    {
        private readonly TaskCompletionSource never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken) => never.Task;

        public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Sample>>([]);

        /// <summary>Ends the stuck write so the dead gateway's writer loop can finish.</summary>
        public void Fail() => never.TrySetException(new IOException("the store went away"));
    }

    [Fact]
    public async Task Messages_received_but_not_yet_written_when_the_gateway_dies_are_redelivered_to_its_next_run()
    {
        var clientId = "vg-it-redeliver-" + Guid.NewGuid().ToString("N")[..8];
        var stuck = new StuckStore();
        var first = Ingest(mosquitto.Url, stuck, clientId);
        await first.StartAsync(default);
        await Eventually.WaitFor(() => first.IsReady, "the first run to connect");
        // Fewer than mosquitto's 20 in-flight QoS 1 messages per client, so all of them reach the first run.
        var messages = await PublishAsync(mosquitto.Url, T0, T0.AddMinutes(30));
        await Eventually.WaitFor(() => first.Counters.Received >= messages.Count, "the first run to receive every message");

        // The process dies here: no write finished, nothing acknowledged, the connection is dropped without a DISCONNECT.
        first.Dispose();
        Assert.Equal((messages.Count, 0L), (first.Counters.Received, first.Counters.Stored));

        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var second = Ingest(mosquitto.Url, store, clientId);
        await second.StartAsync(default);
        await Eventually.WaitFor(() => second.Counters.Done >= messages.Count, "the broker to redeliver the unacknowledged messages");
        await second.StopAsync(default);
        stuck.Fail();

        Assert.Equal(messages.Count, second.Counters.Stored);
        Assert.Equal(messages.Count / 2, await CountAsync(store, "press-07", "running", T0, T0.AddHours(1)));
        Assert.Equal(messages.Count / 2, await CountAsync(store, "mes-gw", "api_total", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task After_the_broker_restarts_the_gateway_reconnects_subscribes_again_and_stores_what_comes()
    {
        using var broker = new RestartableMosquitto();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = Ingest(broker.Url, store, "vg-it-restart-" + Guid.NewGuid().ToString("N")[..8]);
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect");
        var before = await PublishAsync(broker.Url, T0, T0.AddMinutes(30));
        await Eventually.WaitFor(() => ingest.Counters.Done >= before.Count, "the messages before the restart");

        broker.Kill();
        await Eventually.WaitFor(() => !ingest.IsReady, "the gateway to notice the broker is gone");
        await Eventually.WaitFor(() => ingest.Counters.ConnectFailures > 0, "a reconnect attempt to fail while the broker is down");
        // The restarted broker has no persistence: the session and its subscription are gone, so the gateway must subscribe again.
        broker.Start();
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to reconnect and subscribe again");
        var after = await PublishAsync(broker.Url, T0.AddMinutes(30), T0.AddHours(1));
        await Eventually.WaitFor(() => ingest.Counters.Done >= before.Count + after.Count, "the messages after the restart");
        await ingest.StopAsync(default);

        Assert.Equal(before.Count + after.Count, ingest.Counters.Stored);
        Assert.Equal((before.Count + after.Count) / 2, await CountAsync(store, "press-07", "running", T0, T0.AddHours(1)));
    }

    public void Dispose() => dir.Dispose();
}
