namespace ValueGuard.EdgeHub.Client;

/// <summary>How the module connects to edgeHub. The defaults follow the brief (notes/iotedge-mqtt-protocol.md §3, §4, §7).</summary>
public sealed record EdgeModuleClientOptions
{
    /// <summary>edgeHub's MQTT-over-TLS port.</summary>
    public int GatewayPort { get; init; } = 8883;

    /// <summary>SAS token lifetime (the SDK default).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reconnect with a fresh token when this share of the lifetime is left (the SDK renews at 15 %).</summary>
    public double RenewWhenLeft { get; init; } = 0.15;

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a twin request waits for edgeHub's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the token's expiry is compared with the wall clock. A wall-clock check rather than one long
    /// timer, because a gateway without a real-time clock steps its clock when NTP syncs after boot.
    /// </summary>
    public TimeSpan RenewalCheckInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Waits between connection attempts; the last one repeats.</summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    /// <summary>Largest output message (body plus properties). edgeHub's hard limit is 262,144 bytes including what it adds.</summary>
    public int MaxMessageBytes { get; init; } = 240 * 1024;

    public void Validate()
    {
        if (GatewayPort is <= 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(GatewayPort), GatewayPort, "GatewayPort must be a TCP port (edgeHub listens on 8883)");
        if (TokenLifetime < TimeSpan.FromMinutes(1)) throw new ArgumentOutOfRangeException(nameof(TokenLifetime), TokenLifetime, "TokenLifetime must be at least 1 minute (default 1 h)");
        if (RenewWhenLeft is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(RenewWhenLeft), RenewWhenLeft, "RenewWhenLeft is a share of the lifetime between 0 and 1 (default 0.15)");
        if (ReconnectDelays.Count == 0) throw new ArgumentException("ReconnectDelays needs at least one delay", nameof(ReconnectDelays));
        if (MaxMessageBytes is <= 0 or > 262_143) throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, "MaxMessageBytes must be below edgeHub's 262,144-byte limit");
    }
}
