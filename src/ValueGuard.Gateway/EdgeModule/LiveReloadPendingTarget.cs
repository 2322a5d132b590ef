using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.EdgeHub.Contracts;

namespace ValueGuard.Gateway.EdgeModule;

/// <summary>
/// The contract target until the gateway can put a contract in force while running (live reload that keeps
/// unchanged clauses' state; the lead wires it in). A contract from the twin identical to one the site loaded
/// (same id and SHA-256) is already in force and accepted; any other valid contract is reported as rejected
/// with this reason, never silently ignored.
/// </summary>
public sealed class LiveReloadPendingTarget(SiteModel site) : IContractUpdateTarget
{
    public ISignalCatalog? Catalog => site.Catalog;

    public Task ApplyContractAsync(Contract contract, CancellationToken ct) =>
        site.Contracts.Any(c => c.Id == contract.Id && c.SourceSha256 == contract.SourceSha256)
            ? Task.CompletedTask
            : throw new NotSupportedException("this gateway build cannot replace a contract while running yet; put the contract in the site's contract files and restart");
}
