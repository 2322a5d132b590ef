using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Simulator.Scenarios;

namespace ValueGuard.Simulator.Publishing;

/// <summary>Publishes simulated telemetry to a broker with QoS 1, each message confirmed by the broker.</summary>
public sealed class TelemetryPublisher : IAsyncDisposable
{
    private readonly IMqttClient client;

    private TelemetryPublisher(IMqttClient client)
    {
        this.client = client;
    }

    public long Published { get; private set; }

    public static async Task<TelemetryPublisher> ConnectAsync(Uri broker, string clientId, CancellationToken ct)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .Build();
        await client.ConnectAsync(options, ct).ConfigureAwait(false);
        return new TelemetryPublisher(client);
    }

    public async Task PublishAsync(IEnumerable<TelemetryMessage> messages, CancellationToken ct)
    {
        foreach (var m in messages)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(m.Topic)
                .WithPayload(m.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await client.PublishAsync(message, ct).ConfigureAwait(false);
            if (!result.IsSuccess) throw new InvalidOperationException($"The broker refused a message on {m.Topic}: {result.ReasonCode}");
            Published++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
        client.Dispose();
    }
}
