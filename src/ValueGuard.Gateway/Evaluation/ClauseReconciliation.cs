using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Brings stored commitments in line with the contracts in force, by each clause's definition hash: an
/// unchanged clause keeps everything; a changed clause starts afresh (its episode counter goes on, so
/// episode ids never repeat); a clause no contract defines any more is forgotten. Changes and removals
/// go into the evidence ledger.
/// </summary>
internal static partial class ClauseReconciliation
{
    public static async Task RunAsync(IReadOnlyList<Contract> contracts, ICommitmentStore store, IEvidenceLedger ledger, DateTimeOffset at, ILogger log, CancellationToken ct)
    {
        var stored = (await store.AllAsync(ct).ConfigureAwait(false)).ToDictionary(s => (s.ContractId, s.ClauseId));
        foreach (var contract in contracts)
        {
            foreach (var clause in contract.Clauses)
            {
                if (!stored.Remove((contract.Id, clause.Id.Value), out var old)) continue;
                var definition = ClauseDefinition.Hash(contract, clause);
                if (old.DefinitionHash == definition) continue;
                await ledger.AppendAsync(EvidenceKinds.ClauseChanged, at,
                    new ClauseChangeEvidence(contract.Id, clause.Id.Value, old.DefinitionHash, definition, old.Snapshot.State.ToString(), old.Snapshot.EpisodeNumber), ct).ConfigureAwait(false);
                var fresh = CommitmentSnapshot.Initial(at) with { EpisodeNumber = old.Snapshot.EpisodeNumber };
                await store.SaveAsync(contract.Id, clause.Id.Value, definition, fresh, ct).ConfigureAwait(false);
                LogClauseChanged(log, contract.Id, clause.Id.Value, old.Snapshot.State);
            }
        }
        foreach (var gone in stored.Values)
        {
            await ledger.AppendAsync(EvidenceKinds.ClauseRemoved, at,
                new ClauseChangeEvidence(gone.ContractId, gone.ClauseId, gone.DefinitionHash, null, gone.Snapshot.State.ToString(), gone.Snapshot.EpisodeNumber), ct).ConfigureAwait(false);
            await store.DeleteAsync(gone.ContractId, gone.ClauseId, ct).ConfigureAwait(false);
            LogClauseRemoved(log, gone.ContractId, gone.ClauseId, gone.Snapshot.State);
        }
    }

    [LoggerMessage(EventId = 2007, EventName = "ClauseDefinitionChanged", Level = LogLevel.Warning,
        Message = "Clause {ContractId}/{ClauseId} changed its definition; its commitment (was {State}) starts afresh")]
    private static partial void LogClauseChanged(ILogger log, string contractId, string clauseId, CommitmentState state);

    [LoggerMessage(EventId = 2008, EventName = "ClauseRemoved", Level = LogLevel.Warning,
        Message = "Clause {ContractId}/{ClauseId} is no longer in any contract; its commitment (was {State}) is closed")]
    private static partial void LogClauseRemoved(ILogger log, string contractId, string clauseId, CommitmentState state);
}
