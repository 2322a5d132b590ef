using ValueGuard.Core.Commitments;

namespace ValueGuard.Core.Storage;

/// <summary>
/// One clause's row in the state store: its ids, the definition hash it was saved under, and its snapshot.
/// <see cref="Journal"/> is what a step still had to record when the gateway stopped (null when nothing was pending).
/// </summary>
public sealed record StoredCommitment(string ContractId, string ClauseId, string DefinitionHash, CommitmentSnapshot Snapshot)
{
    public string? Journal { get; init; }
}
