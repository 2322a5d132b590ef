using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>An <see cref="InfluxTimeSeriesStore"/> on a database of its own, dropped afterwards.</summary>
internal sealed class InfluxTestStore : IAsyncDisposable
{
    private InfluxTestStore(InfluxDbClient client, InfluxTimeSeriesStore store)
    {
        Client = client;
        Store = store;
    }

    public InfluxDbClient Client { get; }

    public InfluxTimeSeriesStore Store { get; }

    public static async Task<InfluxTestStore> StartAsync(InfluxServer server, Func<InfluxDbOptions, InfluxDbOptions>? adjust = null)
    {
        var options = new InfluxDbOptions { BaseAddress = server.Url, Database = InfluxServer.NewDatabaseName() };
        var client = new InfluxDbClient(adjust?.Invoke(options) ?? options, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        var store = await InfluxTimeSeriesStore.StartAsync(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance, default);
        return new InfluxTestStore(client, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.ExecuteAsync("DROP DATABASE " + InfluxTimeSeriesStore.QuoteIdentifier(Client.Options.Database), default);
        Client.Dispose();
    }
}
