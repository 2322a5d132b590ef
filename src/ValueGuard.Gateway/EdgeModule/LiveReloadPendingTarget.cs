using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.EdgeHub.Contracts;

namespace ValueGuard.Gateway.EdgeModule;

/// <summary>
/// The contract target until the gateway can put a contract in force while running (live reload that keeps
/// unchanged clauses' state). Contracts from the twin are still validated against the site's signals; a valid one
/// is reported as rejected with this reason rather than silently ignored.
/// </summary>
public sealed class LiveReloadPendingTarget(ISignalCatalog catalog) : IContractUpdateTarget
{
    public ISignalCatalog? Catalog => catalog;

    public Task ApplyContractAsync(Contract contract, CancellationToken ct) =>
        throw new NotSupportedException("this gateway build cannot replace a contract while running yet; put the contract in the site's contract folder and restart");
}
