using ValueGuard.Core.Commitments;

namespace ValueGuard.Core.Storage;

/// <summary>Persists each clause's commitment snapshot so state survives restarts.</summary>
public interface ICommitmentStore
{
    /// <summary>The stored snapshot, or null when the clause is new or its definition changed.</summary>
    Task<CommitmentSnapshot?> LoadAsync(string contractId, string clauseId, string definitionHash, CancellationToken cancellationToken);

    Task SaveAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// Write-ahead for a step that records evidence: saves the snapshot the step leads to and, in the same write, the
    /// journal of the records and actions it has still to write (an opaque text the caller defines). The journal stays
    /// until <see cref="EndRecordingAsync"/>; a crash in between leaves it for the next start to finish.
    /// </summary>
    Task BeginRecordingAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, string journal, CancellationToken cancellationToken);

    /// <summary>Clears the journal once everything in it is recorded.</summary>
    Task EndRecordingAsync(string contractId, string clauseId, CancellationToken cancellationToken);

    /// <summary>Every stored clause with the definition hash it was saved under (to compare with a reloaded contract).</summary>
    Task<IReadOnlyList<StoredCommitment>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a clause that no contract defines any more.</summary>
    Task DeleteAsync(string contractId, string clauseId, CancellationToken cancellationToken);
}
