using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ValueGuard.EdgeHub.Authentication;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.EdgeHub.Topics;
using ValueGuard.EdgeHub.Twin;

namespace ValueGuard.EdgeHub.Client;

/// <summary>
/// An Azure IoT Edge module's connection to edgeHub over MQTT 3.1.1 and TLS, without the device SDK:
/// SAS token from the signer, outputs, inputs (acknowledged after the handler ran), module twin and direct
/// methods. It reconnects with a fresh token before the token expires and after a lost connection, then
/// subscribes again and reads the whole twin (desired patches are not queued while away).
/// </summary>
public sealed partial class EdgeModuleClient : IAsyncDisposable
{
    private readonly EdgeModuleSettings settings;
    private readonly ISasSigner signer;
    private readonly X509Certificate2Collection trustBundle;
    private readonly EdgeModuleClientOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private readonly ModuleTopics topics;
    private readonly IMqttClient mqtt;
    private readonly TwinRequests twinRequests;
    private readonly Channel<Received> work = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim wake = new(0);
    private readonly SemaphoreSlim connectLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? supervisor;
    private Task? worker;
    private DateTimeOffset renewAt = DateTimeOffset.MaxValue;
    private long desiredVersion = -1;
    private int connections;

    public EdgeModuleClient(EdgeModuleSettings settings, ISasSigner signer, X509Certificate2Collection trustBundle,
        EdgeModuleClientOptions options, TimeProvider clock, ILogger<EdgeModuleClient> log)
    {
        options.Validate();
        this.settings = settings;
        this.signer = signer;
        this.trustBundle = trustBundle;
        this.options = options;
        this.clock = clock;
        this.log = log;
        topics = new ModuleTopics(settings.DeviceId, settings.ModuleId);
        mqtt = new MqttClientFactory().CreateMqttClient();
        twinRequests = new TwinRequests(mqtt, options.RequestTimeout);
        mqtt.ApplicationMessageReceivedAsync += OnMessageAsync;
        mqtt.DisconnectedAsync += _ =>
        {
            wake.Release();
            return Task.CompletedTask;
        };
    }

    /// <summary>Called for each routed input message; the message is acknowledged to edgeHub only after it returns.</summary>
    public Func<InputMessage, CancellationToken, Task>? InputReceived { get; set; }

    /// <summary>Called for each direct method call; its answer goes back to the caller.</summary>
    public Func<MethodRequest, CancellationToken, Task<MethodResponse>>? MethodCalled { get; set; }

    /// <summary>Called with each desired-properties patch, and with the whole desired section after every connect.</summary>
    public Func<DesiredPropertiesUpdate, CancellationToken, Task>? DesiredPropertiesChanged { get; set; }

    public bool IsConnected => mqtt.IsConnected;

    /// <summary>Disposed with the client (the workload API client the signer uses).</summary>
    internal IDisposable? Owned { get; init; }

    /// <summary>How many times the client has connected (the first connect counts).</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Connects (retrying until <paramref name="ct"/> ends) and starts handling messages and token renewal.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        worker = Task.Run(() => ProcessAsync(stopping.Token), CancellationToken.None);
        await ConnectWithRetryAsync(ct).ConfigureAwait(false);
        supervisor = Task.Run(() => SuperviseAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Sends a message on an output (<c>$.on</c>); returns once edgeHub acknowledged it (stored for its routes).</summary>
    public async Task SendOutputAsync(string outputName, OutputMessage message, CancellationToken ct)
    {
        var properties = new List<KeyValuePair<string, string?>>
        {
            new("$.on", outputName),
            new("$.mid", message.MessageId),
            new("$.ct", message.ContentType),
            new("$.ce", message.ContentEncoding),
        };
        properties.AddRange(message.Properties.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        var size = message.Body.Length + properties.Sum(p => p.Key.Length + (p.Value?.Length ?? 0));
        if (size > options.MaxMessageBytes)
            throw new ArgumentException($"the message is {size} bytes with its properties; edgeHub drops messages over 256 KB, this module sends at most {options.MaxMessageBytes}: split it", nameof(message));
        var publish = new MqttApplicationMessageBuilder()
            .WithTopic(topics.Events(properties))
            .WithPayload(message.Body.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await mqtt.PublishAsync(publish, ct).ConfigureAwait(false);
        if (!result.IsSuccess) throw new IOException($"edgeHub did not accept the message on output '{outputName}': {result.ReasonCode}");
    }

    /// <summary>Reads the whole module twin.</summary>
    public async Task<TwinDocument> GetTwinAsync(CancellationToken ct)
    {
        var (status, body) = await twinRequests.SendAsync(ModuleTopics.TwinGet, null, ct).ConfigureAwait(false);
        if (status != 200) throw new TwinRequestException($"edgeHub answered {status} to the twin GET", status);
        var twin = JsonNode.Parse(body) as JsonObject ?? throw new TwinRequestException("the twin is not a JSON object", status);
        return new TwinDocument(twin["desired"] as JsonObject ?? [], twin["reported"] as JsonObject ?? []);
    }

    /// <summary>Merges <paramref name="patch"/> into the reported properties (a null member deletes it).</summary>
    public async Task UpdateReportedAsync(JsonObject patch, CancellationToken ct)
    {
        var (status, _) = await twinRequests.SendAsync(ModuleTopics.ReportedPatch, System.Text.Encoding.UTF8.GetBytes(patch.ToJsonString()), ct).ConfigureAwait(false);
        if (status is not (200 or 204)) throw new TwinRequestException($"edgeHub answered {status} to a reported-properties patch", status);
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await wake.WaitAsync(options.RenewalCheckInterval, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            if (!mqtt.IsConnected)
            {
                LogDisconnected();
                await ConnectWithRetryAsync(ct).ConfigureAwait(false);
            }
            else if (clock.GetUtcNow() >= renewAt)
            {
                // MQTT 3.1.1 cannot re-authenticate in place: renewal is a new CONNECT with a new token.
                LogRenewing(renewAt);
                await connectLock.WaitAsync(ct).ConfigureAwait(false);
                try { await mqtt.DisconnectAsync(new MqttClientDisconnectOptions(), ct).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException) { LogDisconnectFailed(e); }
                finally { connectLock.Release(); }
                await ConnectWithRetryAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ConnectWithRetryAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ConnectOnceAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var delay = options.ReconnectDelays[Math.Min(attempt, options.ReconnectDelays.Count - 1)];
                LogConnectFailed(e, settings.GatewayHostName, options.GatewayPort, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        await connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (mqtt.IsConnected) return;
            var token = await SasTokenBuilder.BuildAsync(signer, settings.IotHubHostName, settings.DeviceId, settings.ModuleId,
                clock.GetUtcNow() + options.TokenLifetime, ct).ConfigureAwait(false);
            var connect = new MqttClientOptionsBuilder()
                .WithTcpServer(settings.GatewayHostName, options.GatewayPort)
                .WithClientId(settings.ClientId)
                .WithCredentials(settings.Username, token.Value)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithCleanSession(false)
                .WithKeepAlivePeriod(options.KeepAlive)
                .WithTimeout(options.RequestTimeout)
                .WithTlsOptions(t => t.UseTls().WithTargetHost(settings.GatewayHostName).WithTrustChain(trustBundle))
                .Build();
            var result = await mqtt.ConnectAsync(connect, ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                throw new IOException($"edgeHub refused the connection: {result.ResultCode}");
            renewAt = token.ExpiresAt - options.TokenLifetime * options.RenewWhenLeft;
            // Twin responses first: the twin GET below waits for one.
            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(ModuleTopics.TwinResponses, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(ModuleTopics.DesiredPatches, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(ModuleTopics.MethodRequests, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(topics.Inputs, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await mqtt.SubscribeAsync(subscribe, ct).ConfigureAwait(false);
            Interlocked.Increment(ref connections);
            LogConnected(settings.ClientId, settings.GatewayHostName, options.GatewayPort, token.ExpiresAt);
        }
        finally
        {
            connectLock.Release();
        }
        await work.Writer.WriteAsync(Received.FullTwin, ct).ConfigureAwait(false);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var body = e.ApplicationMessage.Payload.ToArray();
        // Twin answers complete a waiting request here, never behind a handler that may itself be waiting for one.
        if (ModuleTopics.TryParseTwinResponse(topic, out var status, out var rid))
        {
            twinRequests.Complete(rid, status, body);
            return Task.CompletedTask;
        }
        e.AutoAcknowledge = false;
        return work.Writer.WriteAsync(new Received(topic, body, e)).AsTask();
    }

    private async Task ProcessAsync(CancellationToken ct)
    {
        await foreach (var item in work.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(item, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogHandlerFailed(e, item.Topic);
            }
        }
    }

    private async Task HandleAsync(Received item, CancellationToken ct)
    {
        if (ReferenceEquals(item, Received.FullTwin))
        {
            var twin = await GetTwinAsync(ct).ConfigureAwait(false);
            desiredVersion = twin.DesiredVersion;
            if (DesiredPropertiesChanged is { } onFull) await onFull(new DesiredPropertiesUpdate(twin.Desired, desiredVersion, IsComplete: true), ct).ConfigureAwait(false);
            return;
        }
        if (topics.TryParseInput(item.Topic, out var input, out var properties))
        {
            // Not acknowledged when the handler throws: edgeHub delivers the message again.
            if (InputReceived is { } onInput) await onInput(new InputMessage(input, item.Body, properties), ct).ConfigureAwait(false);
            await item.Args!.AcknowledgeAsync(ct).ConfigureAwait(false);
            return;
        }
        await item.Args!.AcknowledgeAsync(ct).ConfigureAwait(false);
        if (ModuleTopics.TryParseMethodRequest(item.Topic, out var method, out var rid))
        {
            MethodResponse response;
            try
            {
                response = MethodCalled is { } onMethod
                    ? await onMethod(new MethodRequest(method, item.Body), ct).ConfigureAwait(false)
                    : MethodResponse.Error(501, $"method '{method}' is not implemented by this module");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandlerFailed(e, item.Topic);
                response = MethodResponse.Error(500, e.Message);
            }
            var reply = new MqttApplicationMessageBuilder()
                .WithTopic(ModuleTopics.MethodResponse(response.Status, rid))
                .WithPayload(response.Payload?.ToJsonString() ?? "")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await mqtt.PublishAsync(reply, ct).ConfigureAwait(false);
        }
        else if (ModuleTopics.IsDesiredPatch(item.Topic))
        {
            var patch = JsonNode.Parse(item.Body) as JsonObject ?? throw new JsonException("the desired-properties patch is not a JSON object");
            var version = TwinDocument.VersionOf(patch);
            if (version <= desiredVersion) return;
            if (desiredVersion >= 0 && version > desiredVersion + 1)
            {
                // A patch was missed: read the whole desired section instead.
                await HandleAsync(Received.FullTwin, ct).ConfigureAwait(false);
                return;
            }
            desiredVersion = version;
            if (DesiredPropertiesChanged is { } onPatch) await onPatch(new DesiredPropertiesUpdate(patch, version, IsComplete: false), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        work.Writer.TryComplete();
        foreach (var task in new[] { supervisor, worker })
        {
            if (task is null) continue;
            try { await task.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        if (mqtt.IsConnected)
        {
            try { await mqtt.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException) { LogDisconnectFailed(e); }
        }
        mqtt.Dispose();
        Owned?.Dispose();
        stopping.Dispose();
        wake.Dispose();
        connectLock.Dispose();
    }

    private sealed record Received(string Topic, byte[] Body, MqttApplicationMessageReceivedEventArgs? Args)
    {
        public static readonly Received FullTwin = new("", [], null);
    }

    [LoggerMessage(EventId = 6001, EventName = "EdgeHubConnected", Level = LogLevel.Information,
        Message = "Connected to edgeHub as {ClientId} at {Host}:{Port}; token valid until {ExpiresAt:u}")]
    private partial void LogConnected(string clientId, string host, int port, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6002, EventName = "EdgeHubConnectFailed", Level = LogLevel.Warning,
        Message = "Could not connect to edgeHub at {Host}:{Port}; trying again in {Delay}")]
    private partial void LogConnectFailed(Exception error, string host, int port, TimeSpan delay);

    [LoggerMessage(EventId = 6003, EventName = "EdgeHubTokenRenewing", Level = LogLevel.Information,
        Message = "SAS token due for renewal at {RenewAt:u}; reconnecting with a fresh token")]
    private partial void LogRenewing(DateTimeOffset renewAt);

    [LoggerMessage(EventId = 6004, EventName = "EdgeHubDisconnected", Level = LogLevel.Warning,
        Message = "Connection to edgeHub lost; reconnecting")]
    private partial void LogDisconnected();

    [LoggerMessage(EventId = 6005, EventName = "EdgeHubHandlerFailed", Level = LogLevel.Error,
        Message = "Handling the message on {Topic} failed")]
    private partial void LogHandlerFailed(Exception error, string topic);

    [LoggerMessage(EventId = 6006, EventName = "EdgeHubDisconnectFailed", Level = LogLevel.Debug,
        Message = "Disconnecting from edgeHub failed")]
    private partial void LogDisconnectFailed(Exception error);
}
