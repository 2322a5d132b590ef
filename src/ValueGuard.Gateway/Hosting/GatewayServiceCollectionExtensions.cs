using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Storage;
using ValueGuard.Gateway.Web;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Serial.Polling;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Registers a whole gateway for a site in the Generic Host.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds an opened runtime, one Modbus RTU poller per serial port that has devices, the evaluation loop, and
    /// MQTT ingest (to <paramref name="broker"/>) when the site has devices that publish over MQTT.
    /// <paramref name="password"/> comes from a file or the environment and is never logged.
    /// </summary>
    public static IServiceCollection AddValueGuardGateway(this IServiceCollection services, GatewayRuntime runtime, Uri broker, string? password)
    {
        var site = runtime.Site;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(site);
        services.AddSingleton(runtime);
        services.AddSingleton(runtime.Store);
        var router = new SiteMessageRouter(site);
        // A site whose devices are all on serial lines has no topic to subscribe to; MQTT ingest would never be ready.
        if (router.Filters.Count > 0)
        {
            services.AddSingleton(router);
            services.AddSingleton(new MqttIngestOptions
            {
                Broker = broker,
                ClientId = site.Site.Broker?.ClientId ?? $"valueguard-{site.Site.Id}",
                Username = site.Site.Broker?.Username,
                Password = password,
            DeadLetterPath = Path.Combine(site.Site.DataDirectory, "dead-letter.jsonl"),
            });
            services.AddSingleton<MqttIngestService>();
            services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        }
        services.AddModbusPolling(runtime);
        services.AddHostedService<EvaluationLoop>();
        if (site.Site.Web is { } web)
        {
            services.AddSingleton<IOperatorActions>(new EvaluatorOperatorActions(runtime.Evaluator, runtime.Clock));
            services.AddHostedService(sp => new WebUiService(runtime, sp.GetRequiredService<IOperatorActions>(), web, sp.GetRequiredService<ILoggerFactory>()));
        }
        return services;
    }

    /// <summary>Adds a polling service per serial bus of the site, writing to the runtime's store; nothing for a site without serial devices.</summary>
    public static IServiceCollection AddModbusPolling(this IServiceCollection services, GatewayRuntime runtime)
    {
        foreach (var bus in SiteModbusBuses.From(runtime.Site))
        {
            // Not AddHostedService: it registers one service per type, and every bus needs its own.
            services.AddSingleton<IHostedService>(sp => new ModbusPollingService(bus, runtime.Store,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        }
        return services;
    }
}
