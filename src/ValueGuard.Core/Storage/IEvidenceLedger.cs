using ValueGuard.Core.Evidence;

namespace ValueGuard.Core.Storage;

/// <summary>The append-only, hash-chained evidence ledger.</summary>
public interface IEvidenceLedger
{
    /// <summary>The hash of the last record (the chain head), or <see cref="EvidenceChain.Genesis"/> when empty.</summary>
    string Head { get; }

    /// <summary>Appends a record whose body is serialised as JSON; returns the stored record.</summary>
    Task<EvidenceRecord> AppendAsync<TBody>(string kind, DateTimeOffset at, TBody body, CancellationToken cancellationToken);
}
