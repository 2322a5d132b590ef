using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ValueGuard.EdgeHub.Topics;

namespace ValueGuard.EdgeHub.Tests.StandIns;

/// <summary>
/// A protocol-faithful stand-in for edgeHub on MQTTnet.Server, TLS only. It accepts one module identity and
/// checks what edgeHub checks (brief §3, §4): MQTT 3.1.1, client id <c>{device}/{module}</c> equal (ordinal) to
/// the ids in the username <c>{host}/{device}/{module}/?api-version=…</c>, and a SAS token whose HMAC over the
/// raw <c>sr</c> + LF + <c>se</c> matches the module key, whose resource names this module and which has not
/// expired (5 min skew). It answers twin GET and reported patches, sends desired patches, method calls and
/// routed input messages, and records outputs.
/// </summary>
internal sealed class EdgeHubStandIn : IAsyncDisposable
{
    private readonly MqttServer server;
    private readonly SasTokenCheck tokens;
    private readonly string deviceId;
    private readonly string moduleId;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(int, string)>> methodCalls = new();
    private readonly Lock twinLock = new();
    private int methodRid;

    private EdgeHubStandIn(MqttServer server, SasTokenCheck tokens, string deviceId, string moduleId, int port)
    {
        this.server = server;
        this.tokens = tokens;
        this.deviceId = deviceId;
        this.moduleId = moduleId;
        Port = port;
        server.ValidatingConnectionAsync += ValidateAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingSubscriptionAsync += e =>
        {
            Subscriptions.Enqueue(e.TopicFilter.Topic);
            return Task.CompletedTask;
        };
        server.ClientAcknowledgedPublishPacketAsync += e =>
        {
            AcknowledgedTopics.Enqueue(e.PublishPacket.Topic);
            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    public JsonObject Desired { get; } = new() { ["$version"] = 1L };

    public JsonObject Reported { get; } = new() { ["$version"] = 1L };

    /// <summary>Accepted CONNECTs: client id, username and the token's <c>se</c>.</summary>
    public ConcurrentQueue<(string ClientId, string Username, long ExpiresUnixSeconds)> Accepted { get; } = new();

    /// <summary>Refused CONNECTs and why.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public ConcurrentQueue<string> Subscriptions { get; } = new();

    /// <summary>Output messages: output name (<c>$.on</c>), all properties, body.</summary>
    public ConcurrentQueue<(string Output, IReadOnlyDictionary<string, string?> Properties, string Body)> Outputs { get; } = new();

    /// <summary>Topics of messages the module acknowledged (PUBACK).</summary>
    public ConcurrentQueue<string> AcknowledgedTopics { get; } = new();

    public static async Task<EdgeHubStandIn> StartAsync(TestCertificates certificates, string iotHub, string deviceId, string moduleId, byte[] moduleKey, TimeProvider clock)
    {
        var port = FreePort();
        var options = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
            .WithEncryptedEndpointBoundIPV6Address(IPAddress.IPv6Loopback)
            .WithEncryptedEndpointPort(port)
            .WithEncryptionCertificate(certificates.Server)
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithPersistentSessions(true)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        var standIn = new EdgeHubStandIn(server, new SasTokenCheck(iotHub, deviceId, moduleId, moduleKey, clock), deviceId, moduleId, port);
        await server.StartAsync();
        return standIn;
    }

    /// <summary>Drops the module's connection, as edgeHub does to a client whose token expired.</summary>
    public Task DisconnectModuleAsync() => server.DisconnectClientAsync($"{deviceId}/{moduleId}", new MqttServerClientDisconnectOptions());

    /// <summary>Merges a patch into the desired properties, bumps <c>$version</c> and sends it to the module.</summary>
    public Task PatchDesiredAsync(JsonObject patch)
    {
        long version;
        lock (twinLock)
        {
            version = (long)Desired["$version"]! + 1;
            JsonMergePatch.Apply(Desired, patch);
            Desired["$version"] = version;
        }
        var delivered = (JsonObject)patch.DeepClone();
        delivered["$version"] = version;
        return InjectAsync($"$iothub/twin/PATCH/properties/desired/?$version={version}", delivered.ToJsonString());
    }

    /// <summary>Routes a message to one of the module's inputs, with the system properties edgeHub stamps.</summary>
    public Task SendInputAsync(string inputName, string body, IEnumerable<KeyValuePair<string, string?>> properties)
    {
        var bag = PropertyBag.Encode([new("$.cdid", deviceId), new("$.cmid", "sender"), .. properties]);
        return InjectAsync($"devices/{deviceId}/modules/{moduleId}/inputs/{inputName}/{bag}", body);
    }

    /// <summary>Calls a direct method and waits for the module's answer: status and JSON text.</summary>
    public async Task<(int Status, string Body)> InvokeMethodAsync(string name, string? payload, TimeSpan timeout)
    {
        var rid = Interlocked.Increment(ref methodRid).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        methodCalls[rid] = answer;
        await InjectAsync($"$iothub/methods/POST/{name}/?$rid={rid}", payload ?? "");
        return await answer.Task.WaitAsync(timeout);
    }

    private Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        var problem = e.ProtocolVersion != MqttProtocolVersion.V311
            ? $"protocol {e.ProtocolVersion}: edgeHub speaks MQTT 3.1.1 only"
            : CheckIdentity(e.ClientId, e.UserName) ?? tokens.Check(e.Password, out var expires) ?? Accept(e, expires);
        if (problem is not null)
        {
            Refused.Enqueue(problem);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }
        return Task.CompletedTask;
    }

    private string? Accept(ValidatingConnectionEventArgs e, long expires)
    {
        Accepted.Enqueue((e.ClientId, e.UserName, expires));
        return null;
    }

    /// <summary>Username <c>{host}/{device}/{module}/?{query}</c> with a non-empty api-version; client id must equal device/module.</summary>
    private string? CheckIdentity(string clientId, string? username)
    {
        if (username is null) return "no username";
        var query = username.IndexOf("/?", StringComparison.Ordinal);
        if (query < 0) return $"username '{username}' has no '/?' before its query";
        var path = username[..query].Split('/');
        if (path.Length != 3) return $"username '{username}' is not {{host}}/{{device}}/{{module}}/?api-version=…";
        var parameters = PropertyBag.Decode(username[(query + 2)..]);
        if (!parameters.TryGetValue("api-version", out var apiVersion) || string.IsNullOrEmpty(apiVersion)) return "username has no api-version";
        if (clientId != $"{path[1]}/{path[2]}") return $"client id '{clientId}' does not match username ids '{path[1]}/{path[2]}'";
        if (path[1] != deviceId || path[2] != moduleId) return $"unknown module identity {clientId}";
        return null;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var body = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
        if (e.ClientId != $"{deviceId}/{moduleId}") return;
        e.ProcessPublish = false;
        var events = $"devices/{deviceId}/modules/{moduleId}/messages/events/";
        if (topic.StartsWith("$iothub/twin/GET/?$rid=", StringComparison.Ordinal))
        {
            string twin;
            lock (twinLock) twin = new JsonObject { ["desired"] = Desired.DeepClone(), ["reported"] = Reported.DeepClone() }.ToJsonString();
            await InjectAsync($"$iothub/twin/res/200/?$rid={RidOf(topic)}", twin);
        }
        else if (topic.StartsWith("$iothub/twin/PATCH/properties/reported/?$rid=", StringComparison.Ordinal))
        {
            var status = 204;
            if (JsonNode.Parse(body) is JsonObject patch)
                lock (twinLock)
                {
                    JsonMergePatch.Apply(Reported, patch);
                    Reported["$version"] = (long)Reported["$version"]! + 1;
                }
            else status = 400;
            await InjectAsync($"$iothub/twin/res/{status}/?$rid={RidOf(topic)}", "");
        }
        else if (topic.StartsWith("$iothub/methods/res/", StringComparison.Ordinal))
        {
            var status = int.Parse(topic.Split('/')[3]);
            if (methodCalls.TryRemove(RidOf(topic), out var call)) call.TrySetResult((status, body));
        }
        else if (topic.StartsWith(events, StringComparison.Ordinal))
        {
            var properties = PropertyBag.Decode(topic[events.Length..]);
            Outputs.Enqueue((properties.GetValueOrDefault("$.on") ?? "", properties, body));
        }
    }

    private static string RidOf(string topic) => topic[(topic.IndexOf("$rid=", StringComparison.Ordinal) + 5)..].Split('&')[0];

    private Task InjectAsync(string topic, string payload) =>
        server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()) { SenderClientId = "$edgeHub" });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        server.Dispose();
    }
}
