using ValueGuard.EdgeHub.Client;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.EdgeHub.Methods;

namespace ValueGuard.EdgeHub.Module;

/// <summary>
/// The gateway as an IoT Edge module: contracts from desired properties (outcome reported back) and the
/// gateway's direct methods, on one edgeHub connection.
/// </summary>
public sealed class GatewayModule
{
    public GatewayModule(EdgeModuleClient client, TwinContractUpdater contracts, GatewayMethodRouter methods)
    {
        Client = client;
        client.DesiredPropertiesChanged = async (update, ct) =>
        {
            if (await contracts.HandleAsync(update, ct).ConfigureAwait(false) is { } reported)
                await client.UpdateReportedAsync(reported, ct).ConfigureAwait(false);
        };
        client.MethodCalled = methods.HandleAsync;
    }

    public EdgeModuleClient Client { get; }

    public Task StartAsync(CancellationToken ct) => Client.StartAsync(ct);
}
