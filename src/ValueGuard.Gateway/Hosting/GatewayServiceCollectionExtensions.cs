using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Storage;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Registers a whole gateway for a site in the Generic Host.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime, MQTT ingest (to <paramref name="broker"/>) and the evaluation loop.
    /// <paramref name="password"/> comes from a file or the environment and is never logged.
    /// </summary>
    public static IServiceCollection AddValueGuardGateway(this IServiceCollection services, SiteModel site, Uri broker, string? password)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(site);
        services.AddSingleton(sp => new GatewayRuntime(site, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ITimeSeriesStore>(sp => sp.GetRequiredService<GatewayRuntime>().Store);
        services.AddSingleton(new SiteMessageRouter(site));
        services.AddSingleton(new MqttIngestOptions
        {
            Broker = broker,
            ClientId = site.Site.Broker?.ClientId ?? $"valueguard-{site.Site.Id}",
            Username = site.Site.Broker?.Username,
            Password = password,
        });
        services.AddSingleton<MqttIngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        services.AddHostedService<EvaluationLoop>();
        return services;
    }
}
