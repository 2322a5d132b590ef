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

/// <summary>
/// The broker goes away while the gateway is storing a batch: when the write returns, the connection the batch came on
/// is gone (its stream disposed) and no new one is up yet. Acknowledging that batch must not stop ingest.
/// </summary>
public class IngestAcrossBrokerLossTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A store whose first write waits until the test lets it finish.</summary>
    private sealed class GatedStore(ITimeSeriesStore inner) : ITimeSeriesStore
    {
        private int writes;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(samples, cancellationToken);
            if (Interlocked.Increment(ref writes) != 1) return;
            Entered.TrySetResult();
            await Release.Task;
        }

        public Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            inner.ReadAsync(signal, from, to, cancellationToken);
    }

    [Fact]
    public async Task A_batch_stored_after_its_connection_was_lost_does_not_stop_ingest_on_the_next_connection()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        var port = EmbeddedBroker.FreePort();
        var broker = await EmbeddedBroker.StartAsync(port);
        using var inner = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        var store = new GatedStore(inner);
        using var ingest = new MqttIngestService(
            new MqttIngestOptions { Broker = broker.Url, ClientId = "gw-broker-loss", ReconnectMinDelay = TimeSpan.FromMilliseconds(10) },
            new SiteMessageRouter(site, limits: TimestampLimits.None), store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
        await ingest.StartAsync(default);
        try
        {
            await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect");
            var messages = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", []).Messages(T0, T0.AddHours(1));
            await using (var first = await TelemetryPublisher.ConnectAsync(broker.Url, "sim-1", default))
                await first.PublishAsync(messages.Take(1), default);
            await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await broker.DisposeAsync(); // the connection of the batch being stored is gone
            await Eventually.WaitFor(() => !ingest.IsReady, "the gateway to notice the broker is gone");
            store.Release.SetResult(); // the batch is stored while no connection is up

            broker = await EmbeddedBroker.StartAsync(port);
            await Eventually.WaitFor(() => ingest.IsReady, "the gateway to reconnect");
            await using (var second = await TelemetryPublisher.ConnectAsync(broker.Url, "sim-2", default))
                await second.PublishAsync(messages.Skip(1), default);
            await Eventually.WaitFor(() => ingest.Counters.Stored >= messages.Count, "every message to be stored", 30);

            Assert.Equal(messages.Count, ingest.Counters.Stored);
            Assert.Equal(messages.Count / 2 * 3 + messages.Count / 2 * 2, await inner.CountAsync(default));
        }
        finally
        {
            await ingest.StopAsync(default);
            await broker.DisposeAsync();
        }
    }
}
