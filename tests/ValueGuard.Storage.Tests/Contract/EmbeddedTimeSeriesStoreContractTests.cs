using ValueGuard.Core.Storage;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests.Contract;

public sealed class EmbeddedTimeSeriesStoreContractTests : TimeSeriesStoreContract, IDisposable
{
    private readonly TempDirectory dir = new();
    private EmbeddedTimeSeriesStore? store;

    protected override Task<ITimeSeriesStore> EmptyStoreAsync()
    {
        store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        return Task.FromResult<ITimeSeriesStore>(store);
    }

    public void Dispose()
    {
        store?.Dispose();
        dir.Dispose();
    }
}
