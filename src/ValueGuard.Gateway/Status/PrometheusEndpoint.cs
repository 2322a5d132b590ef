using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using ValueGuard.Configuration.Sites;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// Serves <c>/metrics</c> in the Prometheus text format (prometheus-net over HttpListener) on the site's
/// <c>metrics.listen</c> address: every System.Diagnostics.Metrics instrument of the process, so the spool
/// gauges and the drop counter, plus the process metrics.
/// </summary>
public sealed partial class PrometheusEndpoint(MetricsConfig config, ILogger<PrometheusEndpoint> log) : IHostedService, IDisposable
{
    private MetricServer? server;

    public Uri Url => new($"http://{config.Host}:{config.Port}/metrics");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        server = new MetricServer(config.Host, config.Port);
        server.Start();
        LogListening(Url);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null) await server.StopAsync().ConfigureAwait(false);
    }

    public void Dispose() => server?.Dispose();

    [LoggerMessage(EventId = 2902, EventName = "MetricsListening", Level = LogLevel.Information, Message = "Serving Prometheus metrics at {Url}")]
    private partial void LogListening(Uri url);
}
