using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;

namespace ValueGuard.EdgeHub.Contracts;

/// <summary>
/// Where a contract delivered through the module twin goes once it is valid: the running gateway puts it in
/// force without a restart, keeping the state of clauses whose definition did not change.
/// </summary>
public interface IContractUpdateTarget
{
    /// <summary>The site's signals, which every clause must name; null checks signal names for form only.</summary>
    ISignalCatalog? Catalog { get; }

    /// <summary>Puts <paramref name="contract"/> in force in place of the contract with the same id, or adds it.</summary>
    Task ApplyContractAsync(Contract contract, CancellationToken ct);
}
