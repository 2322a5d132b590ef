using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.Gateway.Hosting;

namespace ValueGuard.Gateway.EdgeModule;

/// <summary>
/// Puts a contract delivered through the module twin in force while the gateway runs: it replaces the contract
/// with the same id (or joins the others) through the evaluator's reload, so unchanged clauses keep their state,
/// debounce timers and episode counters, and changed or removed clauses are recorded in the evidence ledger.
/// A later edit of the site's contract files reloads those files and takes precedence again.
/// </summary>
public sealed class TwinContractTarget(GatewayRuntime runtime, TimeProvider clock) : IContractUpdateTarget
{
    public ISignalCatalog? Catalog => runtime.Site.Catalog;

    public async Task ApplyContractAsync(Contract contract, CancellationToken ct)
    {
        var inForce = runtime.Evaluator.Contracts;
        var next = inForce.Any(c => c.Id == contract.Id)
            ? [.. inForce.Select(c => c.Id == contract.Id ? contract : c)]
            : (IReadOnlyList<Contract>)[.. inForce, contract];
        await runtime.Evaluator.ReloadAsync(next, clock.GetUtcNow(), ct).ConfigureAwait(false);
    }
}
