using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ValueGuard.Cli.Scheduling;
using ValueGuard.Configuration.Sites;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Cli.Commands;

/// <summary><c>valueguard run --site FILE</c>: runs the gateway for a site until stopped.</summary>
internal static class RunCommand
{
    /// <summary>Environment variable holding the broker password when the site names no password file.</summary>
    public const string PasswordVariable = "VALUEGUARD_MQTT_PASSWORD";

    public static Command Create()
    {
        var siteOption = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var edgeOption = new Option<bool>("--iot-edge") { Description = "Also connect to edgeHub as an Azure IoT Edge module (identity from the IOTEDGE_* variables edgeAgent sets)" };
        var schedulingOption = new Option<string>("--cpu-scheduling")
        {
            Description = "batch: the gateway's threads do not preempt the broker or other plant processes when they wake up (Linux); normal: the system's default",
            DefaultValueFactory = _ => "batch",
        };
        schedulingOption.AcceptOnlyFromAmong("batch", "normal");
        var command = new Command("run", "Run the gateway: ingest from the site's broker (or an embedded one), evaluate clauses, raise tickets") { siteOption, edgeOption, schedulingOption };
        command.SetAction(async (parse, ct) =>
        {
            var (site, errors) = SiteModelLoader.Load(parse.GetValue(siteOption)!);
            if (site is null)
            {
                foreach (var e in errors) Console.Error.WriteLine(e);
                return 2;
            }
            EdgeModuleSettings? edge = null;
            try
            {
                if (parse.GetValue(edgeOption)) edge = EdgeModuleSettingsReader.FromEnvironment();
            }
            catch (EdgeModuleSettingsException e)
            {
                Console.Error.WriteLine($"--iot-edge: {e.Message}");
                return 2;
            }
            var scheduling = parse.GetValue(schedulingOption) == "normal" ? CpuSchedulingMode.Normal : CpuSchedulingMode.Batch;
            if (CpuScheduling.Apply(scheduling) is { } notApplied)
                Console.Error.WriteLine($"--cpu-scheduling {parse.GetValue(schedulingOption)} not applied ({notApplied}); running with the system's default");
            await using var embedded = site.Site.Broker is null ? await EmbeddedBroker.StartAsync(1883).ConfigureAwait(false) : null;
            var broker = site.Site.Broker?.Url ?? embedded!.Url;
            var builder = HostFactory.Create(parse.GetValue(GlobalOptions.LogFormatOption)!);
            using var loggers = new Serilog.Extensions.Logging.SerilogLoggerFactory(Logging.LogFormat.Create(parse.GetValue(GlobalOptions.LogFormatOption)!, Serilog.Events.LogEventLevel.Information), dispose: true);
            await using var runtime = await GatewayRuntime.OpenAsync(site, TimeProvider.System, loggers, ct).ConfigureAwait(false);
            builder.Services.AddValueGuardGateway(runtime, broker, ReadPassword(site.Site.Broker));
            if (edge is not null) builder.Services.AddEdgeModule(runtime, edge);
            using var host = builder.Build();
            await host.RunAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static string? ReadPassword(BrokerConfig? broker)
    {
        if (broker?.PasswordFile is { } file) return File.ReadAllText(file).TrimEnd('\r', '\n');
        return Environment.GetEnvironmentVariable(PasswordVariable);
    }
}
