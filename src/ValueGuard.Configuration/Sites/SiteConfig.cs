using ValueGuard.Core.Escalation;

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

    /// <summary>Where Prometheus metrics are served; null serves none (the status file and System.Diagnostics.Metrics are always there).</summary>
    public MetricsConfig? Metrics { get; init; }

    /// <summary>The serial lines (RS-485 buses) the gateway polls Modbus RTU devices on.</summary>
    public IReadOnlyList<SerialPortConfig> SerialPorts { get; init; } = [];

    /// <summary>The named escalation policies contracts may choose by name; <see cref="Escalation"/> is the site's default.</summary>
    public IReadOnlyDictionary<string, EscalationPolicy> EscalationPolicies { get; init; } = new Dictionary<string, EscalationPolicy>();

    /// <summary>The local web UI; null means none is served.</summary>
    public WebConfig? Web { get; init; }

    /// <summary>Limits on device timestamps relative to the gateway's receive time.</summary>
    public IngestConfig Ingest { get; init; } = new();

    /// <summary>
    /// Where the compliance reports are published (<c>reports.base_url</c>, ending in '/'); tickets link to
    /// <c>BASE/CONTRACT/CLAUSE</c>. Null: tickets carry no link.
    /// </summary>
    public Uri? ReportsBaseUrl { get; init; }
}

/// <summary>
/// An InfluxDB (v1 HTTP API; 1.8+, 2.x and 3.x through their v1 endpoints) behind the disk spool.
/// Credentials come from files, never from the site file itself.
/// </summary>
public sealed record StoreConfig(Uri Url, string Database, string? RetentionPolicy, string? Username, string? PasswordFile, string? TokenFile)
{
    /// <summary>The disk spool every sample passes through on its way to InfluxDB.</summary>
    public SpoolConfig Spool { get; init; } = new();
}

/// <summary>
/// A device on the site and the profile that decodes it. A device with a modbus-rtu profile names the serial
/// <see cref="Port"/> it hangs on and may override the profile's slave address with <see cref="Slave"/>.
/// </summary>
public sealed record DeviceConfig(string Id, string Profile)
{
    public string? Port { get; init; }

    public byte? Slave { get; init; }

    /// <summary>Where the device is written in the site file, for errors found once its profile is known.</summary>
    public SourcePosition Position { get; init; } = new(1, 1);
}

/// <summary>A line and column in a configuration file (1-based).</summary>
public readonly record struct SourcePosition(int Line, int Column);

/// <summary>The plant MQTT broker. Null in <see cref="SiteConfig.Broker"/> means the embedded broker.</summary>
/// <param name="Url">mqtt://host:1883 or mqtts://host:8883.</param>
/// <param name="ClientId">Stable per gateway: the broker keeps its persistent session under it.</param>
/// <param name="Username">User name; null takes VALUEGUARD_MQTT_USERNAME when a password is given.</param>
/// <param name="PasswordFile">File holding the password (absolute path); null takes VALUEGUARD_MQTT_PASSWORD.</param>
/// <param name="CaFile">mqtts only: PEM CA certificate(s) the broker's certificate must chain to (absolute path).</param>
/// <param name="ClientCertificateFile">mqtts only: the gateway's PEM client certificate (absolute path).</param>
/// <param name="ClientKeyFile">mqtts only: the client certificate's PEM private key (absolute path).</param>
public sealed record BrokerConfig(Uri Url, string ClientId, string? Username, string? PasswordFile,
    string? CaFile = null, string? ClientCertificateFile = null, string? ClientKeyFile = null);

/// <summary>
/// A place tickets go: <c>file</c> (one Markdown file per breach episode under <see cref="Path"/>),
/// <c>webhook</c> (signed JSON POST to <see cref="Url"/>), <c>redmine</c> (issues in <see cref="Project"/>),
/// <c>jira</c> (issues in <see cref="Project"/>, REST v2), <c>servicenow</c> (incidents, Table API), <c>salesforce</c> (Cases, REST API),
/// <c>pagerduty</c> (Events API v2), the chat robots <c>slack</c>, <c>teams</c>, <c>dingtalk</c>, <c>feishu</c> and <c>wecom</c>, or
/// <c>email</c> over SMTP (docs/sinks.md).
/// Secrets are read from files, never written in the site file.
/// </summary>
public sealed record TicketSinkConfig(string Name, string Kind, string Path)
{
    /// <summary>Kinds that keep a ticket per breach episode; every other kind (webhook, chat, e-mail) takes notices.</summary>
    public static readonly IReadOnlySet<string> TicketKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "file", "redmine", "jira", "pagerduty", "servicenow", "salesforce",
    };

    /// <summary>Whether this sink is a ticket system (at-risk notices never go to one: a notice is not a ticket).</summary>
    public bool OpensTickets => TicketKinds.Contains(Kind);

    public Uri? Url { get; init; }

    /// <summary>Webhook: the HMAC secret's file. DingTalk, Feishu: the robot's signing secret's file.</summary>
    public string? SecretFile { get; init; }

    /// <summary>Redmine: the API key's file.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Redmine: the project identifier. Jira: the project key.</summary>
    public string? Project { get; init; }

    /// <summary>Slack, Teams, DingTalk: the file holding the incoming webhook's URL (the URL is the credential).</summary>
    public string? UrlFile { get; init; }

    /// <summary>Jira: the file holding the API token (Cloud) or personal access token (Data Center). ServiceNow: an OAuth bearer token's file.</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary>Jira Cloud: the account e-mail for basic auth; null sends the token as a bearer PAT. ServiceNow: the integration user.</summary>
    public string? User { get; init; }

    /// <summary>ServiceNow: the integration user's password file (basic auth).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>ServiceNow: the incident's assignment group (name or sys_id); null leaves it to the instance's rules.</summary>
    public string? AssignmentGroup { get; init; }

    /// <summary>ServiceNow: the close code set on resolve (null: "Solved (Permanently)").</summary>
    public string? CloseCode { get; init; }

    /// <summary>Salesforce: the connected app's consumer key (OAuth client credentials flow).</summary>
    public string? ClientId { get; init; }

    /// <summary>Salesforce: the file holding the connected app's consumer secret.</summary>
    public string? ClientSecretFile { get; init; }

    /// <summary>Salesforce: the REST API version, e.g. v60.0 (null: v60.0).</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Salesforce: the Case's external-id field holding the episode key (null: ValueGuard_Episode__c).</summary>
    public string? ExternalIdField { get; init; }

    /// <summary>Salesforce: the Case status set on resolve (null: Closed).</summary>
    public string? CloseStatus { get; init; }

    /// <summary>Redmine: the status names set on resolve and on close (null: Redmine's own "Resolved" and "Closed").</summary>
    public string? ResolvedStatus { get; init; }

    public string? ClosedStatus { get; init; }

    /// <summary>Redmine: its priority names for ValueGuard's normal, high, urgent and immediate, where they differ.</summary>
    public IReadOnlyDictionary<string, string>? PriorityNames { get; init; }

    /// <summary>How long one request to the ticket system may take (null: the sink's default).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Email: the SMTP relay, sender and recipients.</summary>
    public SmtpConfig? Smtp { get; init; }

    /// <summary>Jira: the issue type created (null: Task).</summary>
    public string? IssueType { get; init; }

    /// <summary>Jira: the transition's name that resolves an issue (null: Done).</summary>
    public string? ResolveTransition { get; init; }

    /// <summary>PagerDuty: the file holding the service's integration (routing) key.</summary>
    public string? RoutingKeyFile { get; init; }

    /// <summary>PagerDuty: the alert's <c>payload.source</c>; null means the gateway's host name.</summary>
    public string? Source { get; init; }

    /// <summary>Redmine, Jira, PagerDuty: read the episode tickets back; null means one-way.</summary>
    public TwoWayConfig? TwoWay { get; init; }
}
