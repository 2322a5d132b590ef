using ValueGuard.Core.Commitments;

namespace ValueGuard.Configuration.Sites;

/// <summary>
/// One gateway's configuration: its devices and their profiles, where telemetry comes from and goes,
/// which contracts it checks and where tickets go. Paths are absolute, resolved against the site file.
/// </summary>
public sealed record SiteConfig(
    string Id,
    string File,
    BrokerConfig? Broker,
    string DataDirectory,
    IReadOnlyList<DeviceConfig> Devices,
    IReadOnlyList<string> ProfileDirectories,
    IReadOnlyList<string> ContractFiles,
    IReadOnlyList<TicketSinkConfig> TicketSinks,
    EscalationPolicy Escalation,
    TimeSpan EvaluationInterval)
{
    /// <summary>
    /// How late a sample may arrive and still count: a period clause closes only this long after its
    /// end, so samples from inside the period that arrive late still decide its final verdict.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where samples are stored; null means the embedded store in the data folder.</summary>
    public StoreConfig? Store { get; init; }
}

/// <summary>
/// An InfluxDB (v1 HTTP API; 1.8+, 2.x and 3.x through their v1 endpoints) behind the disk spool.
/// Credentials come from files, never from the site file itself.
/// </summary>
public sealed record StoreConfig(Uri Url, string Database, string? RetentionPolicy, string? Username, string? PasswordFile, string? TokenFile);

/// <summary>A device on the site and the profile that decodes it.</summary>
public sealed record DeviceConfig(string Id, string Profile);

/// <summary>The plant MQTT broker. Null in <see cref="SiteConfig.Broker"/> means the embedded broker.</summary>
public sealed record BrokerConfig(Uri Url, string ClientId, string? Username, string? PasswordFile);

/// <summary>A place tickets go. Kind <c>file</c> writes one Markdown file per breach episode.</summary>
public sealed record TicketSinkConfig(string Name, string Kind, string Path);
