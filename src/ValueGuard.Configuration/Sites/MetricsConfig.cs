namespace ValueGuard.Configuration.Sites;

/// <summary>
/// Site <c>metrics: { listen: 127.0.0.1:9464 }</c>: where the gateway serves Prometheus metrics at
/// <c>/metrics</c>. Loopback unless the site names another address; no endpoint without this section.
/// </summary>
public sealed record MetricsConfig(string Host, int Port)
{
    public const string DefaultHost = "127.0.0.1";

    public const int DefaultPort = 9464;
}
