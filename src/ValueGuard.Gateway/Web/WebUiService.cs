using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Gateway.Web;

/// <summary>Hosts the <see cref="WebUi"/> in <c>valueguard run</c> when the site has a <c>web:</c> section.</summary>
public sealed class WebUiService : IHostedService, IAsyncDisposable
{
    private readonly GatewayRuntime runtime;
    private readonly IOperatorActions actions;
    private readonly WebConfig config;
    private readonly ILoggerFactory loggers;
    private WebUi? ui;

    public WebUiService(GatewayRuntime runtime, IOperatorActions actions, WebConfig config, ILoggerFactory loggers)
    {
        this.runtime = runtime;
        this.actions = actions;
        this.config = config;
        this.loggers = loggers;
    }

    public async Task StartAsync(CancellationToken cancellationToken) =>
        ui = await WebUi.StartAsync(runtime, actions, config, loggers, cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (ui is not null) await ui.DisposeAsync().ConfigureAwait(false);
        ui = null;
    }
}
