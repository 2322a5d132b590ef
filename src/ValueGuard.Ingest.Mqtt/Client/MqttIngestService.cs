using System.Buffers;
using System.Security.Authentication;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// Subscribes to the site's device topics with QoS 1 on a persistent session and stores what arrives.
/// A message is acknowledged to the broker only after its samples are durable in the store, so a crash
/// in between makes the broker redeliver it instead of losing it. Acknowledgements go out in arrival order.
/// </summary>
public sealed partial class MqttIngestService : BackgroundService
{
    private readonly MqttIngestOptions options;
    private readonly SiteMessageRouter router;
    private readonly ITimeSeriesStore store;
    private readonly TimeProvider time;
    private readonly ILogger<MqttIngestService> log;
    private readonly Channel<Pending> pending;
    private readonly IMqttClient client;
    private readonly DeadLetterFile? deadLetters;
    private readonly RejectionLogLimiter rejectionLog;
    private readonly BufferedTcpStreamProvider streams = new();
    private int connectionGeneration;
    private int subscribedGeneration = -1;

    public MqttIngestService(MqttIngestOptions options, SiteMessageRouter router, ITimeSeriesStore store, TimeProvider time, ILogger<MqttIngestService> log)
    {
        options.Validate();
        this.options = options;
        this.router = router;
        this.store = store;
        this.time = time;
        this.log = log;
        pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.ChannelCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        deadLetters = options.DeadLetterPath is { } path ? new DeadLetterFile(path) : null;
        rejectionLog = new RejectionLogLimiter(time, options.RejectionLogInterval);
        client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public IngestCounters Counters { get; } = new();

    /// <summary>Connected and subscribed: from now on the broker delivers (or, while we are away, queues) the site's messages.</summary>
    public bool IsReady => client.IsConnected && Volatile.Read(ref subscribedGeneration) == Volatile.Read(ref connectionGeneration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken);
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (writer.IsFaulted)
            {
                // Nothing is acknowledged any more, so nothing is lost, but nothing is stored either: stop the service
                // (and with it the host, which systemd or IoT Edge restarts) instead of hanging connected.
                LogWriteLoopFailed(writer.Exception.GetBaseException());
                await writer.ConfigureAwait(false);
            }
            try
            {
                if (!client.IsConnected)
                {
                    await ConnectAsync(stoppingToken).ConfigureAwait(false);
                    attempt = 0;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                attempt++;
                Counters.OnConnectFailed();
                var delay = Backoff(attempt);
                LogConnectFailed(options.Broker.Host, options.Broker.Port, attempt, delay, e.Message);
                try { await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
        pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is not OutOfMemoryException) { LogDisconnectFailed(e.Message); }
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Broker.Host, options.Broker.IsDefaultPort || options.Broker.Port < 0 ? (options.Broker.Scheme == "mqtts" ? 8883 : 1883) : options.Broker.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithStreamProvider(streams);
        if (options.Username is not null) builder.WithCredentials(options.Username, options.Password);
        if (options.Broker.Scheme == "mqtts")
        {
            var tls = new MqttClientTlsOptionsBuilder().UseTls().WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13).WithTargetHost(options.Broker.Host);
            options.Tls?.Apply(tls);
            builder.WithTlsOptions(tls.Build());
        }
        var generation = Interlocked.Increment(ref connectionGeneration);
        var result = await client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in router.Filters) subscribe.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        var granted = await client.SubscribeAsync(subscribe.Build(), ct).ConfigureAwait(false);
        foreach (var item in granted.Items)
        {
            if ((int)item.ResultCode > 2)
                throw new InvalidOperationException($"The broker refused the subscription to '{item.TopicFilter.Topic}': {item.ResultCode}");
        }
        if (options.SubscriptionsPath is { } remembered)
        {
            var stale = SubscriptionFile.Read(remembered).Except(router.Filters, StringComparer.Ordinal).ToList();
            if (result.IsSessionPresent && stale.Count > 0)
            {
                var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
                foreach (var filter in stale) unsubscribe.WithTopicFilter(filter);
                await client.UnsubscribeAsync(unsubscribe.Build(), ct).ConfigureAwait(false);
                LogStaleFiltersRemoved(string.Join(", ", stale));
            }
            // Remembering is a convenience: a data folder that refuses the file must not keep the gateway off the broker.
            try { SubscriptionFile.Write(remembered, router.Filters); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { LogSubscriptionsNotRemembered(remembered, e.Message); }
        }
        Volatile.Write(ref subscribedGeneration, generation);
        LogConnected(options.Broker.Host, options.Broker.Port, result.IsSessionPresent, string.Join(", ", router.Filters));
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        Counters.OnReceived();
        var result = router.Decode(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, time.GetUtcNow());
        if (result.IsRejected)
        {
            Counters.OnRejected(result.RejectReason!, result.Device);
            KeepRejected(e.ApplicationMessage.Topic, result.Device, result.RejectReason!, result.RejectDetail ?? string.Empty, e.ApplicationMessage.Payload);
        }
        for (var i = 0; i < result.ItemRejections.Count; i++)
        {
            var item = result.ItemRejections[i];
            Counters.OnItemRejected(item.Reason, result.Device);
            // A batch full of bad items must not flood the dead-letter file: the first ones show the problem, all are counted.
            if (i < MaxDeadLetteredItemsPerMessage)
                KeepRejected(e.ApplicationMessage.Topic, result.Device, item.Reason, item.Detail, new ReadOnlySequence<byte>(item.Raw));
        }
        await pending.Writer.WriteAsync(new Pending(e, result.Samples, result.IsRejected, Volatile.Read(ref connectionGeneration)), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>At most this many rejected items of one batch payload go to the dead-letter file; every one is counted.</summary>
    public const int MaxDeadLetteredItemsPerMessage = 32;

    private void KeepRejected(string topic, string? device, string reason, string detail, ReadOnlySequence<byte> payload)
    {
        if (rejectionLog.ShouldLog(reason, device, out var suppressed))
            LogRejected(Shorten(topic), device ?? "(none)", reason, detail, Counters.RejectedByReason.GetValueOrDefault(reason), suppressed);
        try
        {
            deadLetters?.Write(time.GetUtcNow(), topic, reason, detail, payload);
        }
        catch (IOException ex)
        {
            // A full disk must not stop ingest of good messages; the rejection is still counted.
            LogDeadLetterFailed(ex.Message);
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<Pending>(options.MaxBatch);
        var samples = new List<Sample>();
        while (await pending.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            samples.Clear();
            while (batch.Count < options.MaxBatch && pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
                samples.AddRange(item.Samples);
            }
            await WriteDurablyAsync(samples, ct).ConfigureAwait(false);
            var storedMessages = await AcknowledgeAsync(batch).ConfigureAwait(false);
            Counters.OnStored(storedMessages, samples.Count);
        }
    }

    /// <summary>Acknowledges a stored batch in arrival order, its PUBACKs as one write; returns how many of its messages were stored.</summary>
    private async Task<int> AcknowledgeAsync(List<Pending> batch)
    {
        var storedMessages = 0;
        var held = streams.Current;
        if (held is not null)
        {
            // The stream may be a lost connection's: holding on it must not stop the loop (the PUBACKs just go nowhere).
            try { await held.HoldWritesAsync(CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogAckFailed(e.Message);
                held = null;
            }
        }
        try
        {
            foreach (var item in batch)
            {
                // A message accepted without samples (a Sparkplug birth of unmapped metrics) is done as well.
                if (!item.Rejected) storedMessages++;
                // After a reconnect the broker redelivers unacknowledged messages itself; a packet id of an
                // old connection must not be acknowledged on the new one.
                if (item.Generation != Volatile.Read(ref connectionGeneration) || !client.IsConnected) continue;
                try { await item.Message.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is not OutOfMemoryException) { LogAckFailed(e.Message); }
            }
        }
        finally
        {
            if (held is not null)
            {
                // A connection lost meanwhile takes its held PUBACKs with it; the broker redelivers those messages.
                try { await held.ReleaseWritesAsync(CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is not OutOfMemoryException) { LogAckFailed(e.Message); }
            }
        }
        return storedMessages;
    }

    private async Task WriteDurablyAsync(List<Sample> samples, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteAsync(samples, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Not acknowledged yet: the broker still holds these messages, so waiting loses nothing.
                LogStoreFailed(samples.Count, attempt, e.Message);
                if (ct.IsCancellationRequested) throw;
                await Task.Delay(Backoff(attempt), time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(options.ReconnectMaxDelay.TotalMilliseconds, options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }

    private sealed record Pending(MqttApplicationMessageReceivedEventArgs Message, IReadOnlyList<Sample> Samples, bool Rejected, int Generation);

    [LoggerMessage(EventId = 1001, EventName = "MqttConnected", Level = LogLevel.Information,
        Message = "Connected to MQTT broker {Host}:{Port} (session present: {SessionPresent}), subscribed to {Filters}")]
    private partial void LogConnected(string host, int port, bool sessionPresent, string filters);

    [LoggerMessage(EventId = 1002, EventName = "MqttConnectFailed", Level = LogLevel.Warning,
        Message = "Cannot reach MQTT broker {Host}:{Port} (attempt {Attempt}), retrying in {Delay}: {Error}")]
    private partial void LogConnectFailed(string host, int port, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 1003, EventName = "MqttMessageRejected", Level = LogLevel.Warning,
        Message = "Rejected message on {Topic} from {Device}: {Reason} ({Detail}); {Count} so far for this reason, {Suppressed} like it not logged since the last")]
    private partial void LogRejected(string topic, string device, string reason, string detail, long count, long suppressed);

    private static string Shorten(string topic) => topic.Length <= 200 ? topic : string.Concat(topic.AsSpan(0, 200), "…");

    [LoggerMessage(EventId = 1010, EventName = "MqttStaleFiltersRemoved", Level = LogLevel.Information,
        Message = "Unsubscribed from topic filters the site no longer uses, which the broker kept in the persistent session: {Filters}")]
    private partial void LogStaleFiltersRemoved(string filters);

    [LoggerMessage(EventId = 1011, EventName = "MqttSubscriptionsNotRemembered", Level = LogLevel.Warning,
        Message = "Could not remember the subscribed topic filters in {Path} ({Error}); a filter the site drops later stays subscribed until it is unsubscribed by hand")]
    private partial void LogSubscriptionsNotRemembered(string path, string error);

    [LoggerMessage(EventId = 1009, EventName = "MqttWriteLoopFailed", Level = LogLevel.Critical,
        Message = "The loop that stores and acknowledges MQTT messages failed; stopping ingest so the service is restarted (unacknowledged messages stay with the broker)")]
    private partial void LogWriteLoopFailed(Exception error);

    [LoggerMessage(EventId = 1004, EventName = "StoreWriteFailed", Level = LogLevel.Error,
        Message = "Could not store {SampleCount} samples (attempt {Attempt}); messages stay unacknowledged: {Error}")]
    private partial void LogStoreFailed(int sampleCount, int attempt, string error);

    [LoggerMessage(EventId = 1005, EventName = "MqttAckFailed", Level = LogLevel.Warning,
        Message = "Could not acknowledge a message; the broker will redeliver it: {Error}")]
    private partial void LogAckFailed(string error);

    [LoggerMessage(EventId = 1007, EventName = "DeadLetterWriteFailed", Level = LogLevel.Warning,
        Message = "Could not keep a rejected message in the dead-letter file: {Error}")]
    private partial void LogDeadLetterFailed(string error);

    [LoggerMessage(EventId = 1006, EventName = "MqttDisconnectFailed", Level = LogLevel.Debug,
        Message = "Disconnect failed: {Error}")]
    private partial void LogDisconnectFailed(string error);
}
