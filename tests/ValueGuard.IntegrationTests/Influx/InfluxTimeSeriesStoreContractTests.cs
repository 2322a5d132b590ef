using ValueGuard.Core.Storage;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Tests.Contract;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>The store contract against a real InfluxDB 1.x.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxTimeSeriesStoreContractTests(InfluxServer server) : TimeSeriesStoreContract, IAsyncLifetime
{
    private InfluxTestStore? influx;

    protected override async Task<ITimeSeriesStore> EmptyStoreAsync()
    {
        influx = await InfluxTestStore.StartAsync(server);
        return influx.Store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (influx is not null) await influx.DisposeAsync();
    }
}
