using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueGuard.Configuration.Sites;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.Gateway.Clock;
using ValueGuard.Gateway.EdgeModule;
using ValueGuard.Core.Storage;
using ValueGuard.Gateway.Status;
using ValueGuard.Gateway.Web;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Ingest.Serial.Polling;

namespace ValueGuard.Gateway.Hosting;

/// <summary>Registers a whole gateway for a site in the Generic Host.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Environment variable holding the broker user name when the site names none.</summary>
    public const string UsernameVariable = "VALUEGUARD_MQTT_USERNAME";

    /// <summary>
    /// Adds an opened runtime, one Modbus RTU poller per serial port that has Modbus devices, one reader per ASCII
    /// line device, the evaluation loop, the operator-action loop, the contract file watcher, and
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
                Username = site.Site.Broker?.Username ?? (password is null ? null : Environment.GetEnvironmentVariable(UsernameVariable)),
                Password = password,
                Tls = site.Site.Broker is { CaFile: not null } or { ClientCertificateFile: not null } ? new MqttTlsOptions
                {
                    CaFile = site.Site.Broker.CaFile,
                    ClientCertificateFile = site.Site.Broker.ClientCertificateFile,
                    ClientKeyFile = site.Site.Broker.ClientKeyFile,
                } : null,
                DeadLetterPath = Path.Combine(site.Site.DataDirectory, "dead-letter.jsonl"),
                SubscriptionsPath = Path.Combine(site.Site.DataDirectory, "mqtt-subscriptions.json"),
            });
            services.AddSingleton<MqttIngestService>();
            services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
            services.AddSingleton<IStatusSection>(sp => new IngestStatusSection(sp.GetRequiredService<MqttIngestService>().Counters, router.ClockSkew));
        }
        services.AddSingleton(ClockHealth.Load(runtime.Paths.Ledger));
        services.TryAddSingleton<IClockSyncSource, KernelClockSyncSource>();
        services.AddSingleton<IStatusSection>(sp => new ClockStatusSection(sp.GetRequiredService<ClockHealth>()));
        services.AddModbusPolling(runtime);
        services.AddAsciiLines(runtime);
        services.AddHostedService<EvaluationLoop>();
        services.AddHostedService<OperatorActionLoop>();
        services.AddHostedService<TicketAcknowledgementLoop>();
        services.AddSingleton<ContractReloader>();
        services.AddHostedService<ContractWatcher>();
        services.AddGatewayStatus(runtime);
        if (site.Site.Web is { } web)
        {
            services.AddSingleton<IOperatorActions>(new GatewayOperatorActions(runtime.OperatorActions, runtime.Evaluator, runtime.Clock));
            services.AddHostedService(sp => new WebUiService(runtime, sp.GetRequiredService<IOperatorActions>(), web, sp.GetRequiredService<ILoggerFactory>()));
        }
        return services;
    }

    /// <summary>
    /// Adds the IoT Edge module connection (<c>run --iot-edge</c>). Contracts from desired properties are validated
    /// against the site and put in force while running by the <see cref="IContractUpdateTarget"/> registered, by
    /// default <see cref="TwinContractTarget"/> (unchanged clauses keep their state).
    /// </summary>
    public static IServiceCollection AddEdgeModule(this IServiceCollection services, GatewayRuntime runtime, EdgeModuleSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton<IContractUpdateTarget>(sp => new TwinContractTarget(runtime, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<EdgeModuleService>();
        return services;
    }

    /// <summary>
    /// Adds the status file writer (<c>data_dir/status.json</c> every 5 s) with its store and spool sections,
    /// the spool gauges, and the Prometheus endpoint when the site has <c>metrics:</c>.
    /// </summary>
    public static IServiceCollection AddGatewayStatus(this IServiceCollection services, GatewayRuntime runtime)
    {
        services.AddSingleton<IStatusSection>(new StoreStatusSection(runtime.Site.Site, runtime.Spool));
        services.AddSingleton<IStatusSection>(new EscalationStatusSection(runtime.Outbox));
        if (runtime.Spool is { } spool)
        {
            var section = new SpoolStatusSection(spool);
            services.AddSingleton<IStatusSection>(section);
            services.AddSingleton(new GatewayMetrics(section));
        }
        services.AddHostedService(sp =>
        {
            // The gauges exist once something asks for them; the status writer is their reader.
            sp.GetService<GatewayMetrics>();
            return new StatusWriter(StatusFile.PathIn(runtime.Paths.DataDirectory), runtime.Site.Site.Id, sp.GetServices<IStatusSection>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StatusWriter>>());
        });
        if (runtime.Site.Site.Metrics is { } metrics)
            services.AddHostedService(sp => new PrometheusEndpoint(metrics, sp.GetRequiredService<ILogger<PrometheusEndpoint>>()));
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

    /// <summary>Adds a reader per ASCII line device of the site, writing to the runtime's store; nothing for a site without them.</summary>
    public static IServiceCollection AddAsciiLines(this IServiceCollection services, GatewayRuntime runtime)
    {
        foreach (var line in SiteAsciiLines.From(runtime.Site))
        {
            services.AddSingleton<IHostedService>(sp => new AsciiLineService(line, runtime.Store,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        }
        return services;
    }
}
