using ValueGuard.Core.Evidence;

namespace ValueGuard.Core.Storage;

/// <summary>The append-only, hash-chained evidence ledger.</summary>
public interface IEvidenceLedger
{
    /// <summary>The hash of the last record (the chain head), or <see cref="EvidenceChain.Genesis"/> when empty.</summary>
    string Head { get; }

    /// <summary>How many records the ledger holds (the sequence number of the last one).</summary>
    long Count { get; }

    /// <summary>Appends a record whose body is serialised as JSON; returns the stored record.</summary>
    Task<EvidenceRecord> AppendAsync<TBody>(string kind, DateTimeOffset at, TBody body, CancellationToken cancellationToken);

    /// <summary>The records after sequence number <paramref name="sequence"/>, in order, with their bodies (to finish a step a crash interrupted).</summary>
    Task<IReadOnlyList<StoredEvidence>> ReadAfterAsync(long sequence, CancellationToken cancellationToken);
}
