namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>How the gateway connects to the plant broker and how much it may hold in memory.</summary>
public sealed class MqttIngestOptions
{
    public required Uri Broker { get; init; }

    /// <summary>Stable per gateway: the broker keeps this client's persistent session (QoS 1 messages) across reconnects.</summary>
    public string ClientId { get; init; } = "valueguard";

    public string? Username { get; init; }

    /// <summary>Read from a file or the environment; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>CA and client certificate for <c>mqtts://</c>; null uses the system's trusted CAs and no client certificate.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>Messages decoded but not yet durable. When full, receiving waits and the broker holds the rest.</summary>
    public int ChannelCapacity { get; init; } = 10_000;

    /// <summary>Most messages written to the store in one transaction.</summary>
    public int MaxBatch { get; init; } = 2_000;

    /// <summary>Where rejected messages are kept (see <see cref="DeadLetterFile"/>); null keeps none.</summary>
    public string? DeadLetterPath { get; init; }

    /// <summary>
    /// Where the topic filters subscribed on the persistent session are remembered. The broker keeps a session's
    /// subscriptions across restarts, so a filter the site no longer needs (a device or profile removed) would go on
    /// delivering messages; with this file it is unsubscribed on the next connect. Null remembers nothing.
    /// </summary>
    public string? SubscriptionsPath { get; init; }

    /// <summary>Per reason and device, at most one rejection log line per interval (the rest are counted).</summary>
    public TimeSpan RejectionLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Broker.Scheme is not ("mqtt" or "mqtts"))
            throw new ArgumentException($"MqttIngestOptions.Broker: '{Broker}' is not an mqtt:// or mqtts:// URL.");
        if (Tls is not null && Broker.Scheme != "mqtts")
            throw new ArgumentException($"MqttIngestOptions.Tls: TLS settings need an mqtts:// broker URL, not '{Broker}'.");
        Tls?.Validate();
        if (ChannelCapacity < 1 || MaxBatch < 1)
            throw new ArgumentException("MqttIngestOptions: ChannelCapacity and MaxBatch must be at least 1.");
    }
}
