using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.EdgeHub.Client;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.EdgeHub.Module;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Gateway.EdgeModule;

/// <summary>
/// Runs the gateway as an Azure IoT Edge module: connects to edgeHub with the identity edgeAgent gave the
/// process, answers direct methods and takes contracts from desired properties.
/// </summary>
public sealed class EdgeModuleService(
    EdgeModuleSettings settings,
    GatewayRuntime runtime,
    IContractUpdateTarget contracts,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var operations = new GatewayModuleOperations(runtime, clock);
        await using var client = await EdgeModuleClientFactory.CreateAsync(settings, new EdgeModuleClientOptions(), clock, loggers, stoppingToken).ConfigureAwait(false);
        var module = new GatewayModule(client,
            new TwinContractUpdater(contracts, loggers.CreateLogger<TwinContractUpdater>()),
            new GatewayMethodRouter(operations, operations, operations, loggers.CreateLogger<GatewayMethodRouter>()));
        await module.StartAsync(stoppingToken).ConfigureAwait(false);
        try { await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}
