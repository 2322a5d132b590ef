namespace ValueGuard.Storage.Influx;

/// <summary>
/// Where and how <see cref="InfluxDbClient"/> talks to InfluxDB's v1 HTTP API. Credentials are either
/// <see cref="Username"/>/<see cref="Password"/> (sent as the <c>u</c>/<c>p</c> query parameters, as 1.x
/// expects) or a <see cref="Token"/> (sent as <c>Authorization: Token …</c>, as 2.x/3.x expect), never both.
/// </summary>
public sealed record InfluxDbOptions
{
    /// <summary>For example <c>http://127.0.0.1:8086</c>.</summary>
    public required Uri BaseAddress { get; init; }

    public required string Database { get; init; }

    /// <summary>Null writes to and reads from the database's default retention policy.</summary>
    public string? RetentionPolicy { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Token { get; init; }

    /// <summary>Lines per <c>/write</c> request; InfluxDB recommends 5,000 to 10,000.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>
    /// Gzip request bodies: less traffic on a slow plant network for a little CPU. Null (the default) gzips unless
    /// InfluxDB is on this machine (a loopback address), where compressing only costs CPU on both sides.
    /// </summary>
    public bool? GzipRequests { get; init; }

    /// <summary>Whether write bodies are gzipped: <see cref="GzipRequests"/>, or by default unless InfluxDB is on a loopback address.</summary>
    public bool Gzip => GzipRequests ?? !BaseAddress.IsLoopback;

    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 429, a 5xx or a network error; a 400 is never retried.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First retry delay, doubled (with jitter) for each further retry unless the server sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest Retry-After honoured, so a confused server cannot park the writer for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests in flight at once. InfluxDB 1.6 answers <c>500 engine: error syncing wal</c> under many
    /// concurrent writes (the points are stored all the same), so the default is small.
    /// </summary>
    public int MaxConcurrentRequests { get; init; } = 2;

    public LinePrecision Precision { get; init; } = LinePrecision.Nanoseconds;

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
            problems.Add("influx.url must be an absolute http:// or https:// address, for example http://127.0.0.1:8086");
        else if (!string.IsNullOrEmpty(BaseAddress.UserInfo))
            problems.Add("influx.url must not carry credentials; set influx.username/influx.password or influx.token instead");
        if (string.IsNullOrWhiteSpace(Database)) problems.Add("influx.database must name a database, for example valueguard");
        if (RetentionPolicy is { Length: 0 }) problems.Add("influx.retention_policy must be left out or name a retention policy");
        if (Token is not null && (Username is not null || Password is not null))
            problems.Add("influx: set either influx.token or influx.username/influx.password, not both");
        if (Password is not null && Username is null) problems.Add("influx.password needs influx.username");
        if (BatchSize is < 1 or > 100_000) problems.Add($"influx.batch_size must be between 1 and 100000 lines (is {BatchSize})");
        if (Timeout <= TimeSpan.Zero) problems.Add("influx.timeout must be positive, for example 10s");
        if (MaxRetries < 0) problems.Add("influx.max_retries must be 0 or more");
        if (RetryDelay <= TimeSpan.Zero) problems.Add("influx.retry_delay must be positive, for example 200ms");
        if (MaxRetryAfter < TimeSpan.Zero) problems.Add("influx.max_retry_after must not be negative");
        if (MaxConcurrentRequests < 1) problems.Add("influx.max_concurrent_requests must be 1 or more");
        if (!Enum.IsDefined(Precision)) problems.Add("influx.precision must be ns, u, ms or s");
        return problems;
    }

    /// <summary>Throws with every problem at once, for start-up.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid InfluxDB settings: " + string.Join("; ", problems));
    }

    // Records print every property; the password and token must never reach a log.
    public override string ToString() =>
        $"InfluxDbOptions {{ BaseAddress = {BaseAddress}, Database = {Database}, RetentionPolicy = {RetentionPolicy}, Username = {Username}, Password = {(Password is null ? "" : "***")}, Token = {(Token is null ? "" : "***")} }}";
}
