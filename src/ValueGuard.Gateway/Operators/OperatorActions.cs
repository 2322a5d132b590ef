using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Operators;

namespace ValueGuard.Gateway.Operators;

/// <summary>
/// Applies people's acknowledgements, snoozes and waivers to clause commitments. Every action goes through
/// the durable queue first (the CLI only writes there; the gateway applies what is queued on its next pass
/// and at start); callers inside the gateway, such as the local API, use <see cref="SubmitAsync"/>, which
/// queues and applies at once. Each applied action is an evidence record naming who and why.
/// </summary>
public sealed partial class OperatorActions
{
    private readonly ClauseEvaluator evaluator;
    private readonly ICommitmentStore commitments;
    private readonly SqliteOperatorActionQueue queue;
    private readonly TimeProvider clock;
    private readonly ILogger<OperatorActions> log;

    public OperatorActions(ClauseEvaluator evaluator, ICommitmentStore commitments, SqliteOperatorActionQueue queue, TimeProvider clock, ILogger<OperatorActions> log)
    {
        this.evaluator = evaluator;
        this.commitments = commitments;
        this.queue = queue;
        this.clock = clock;
        this.log = log;
    }

    /// <summary>Queues an action and applies it (with anything queued before it); returns how it ended.</summary>
    public async Task<QueuedOperatorAction> SubmitAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        var id = await queue.EnqueueAsync(action, cancellationToken).ConfigureAwait(false);
        await ApplyQueuedAsync(cancellationToken).ConfigureAwait(false);
        return (await queue.FindAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Applies every queued action in order; returns how many there were.</summary>
    public async Task<int> ApplyQueuedAsync(CancellationToken cancellationToken)
    {
        var queued = await queue.QueuedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var q in queued)
        {
            var at = clock.GetUtcNow();
            var (status, detail) = await evaluator.InTurnAsync(() => ApplyAsync(q.Action, at, cancellationToken), cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(q.Id, status, detail, at, cancellationToken).ConfigureAwait(false);
        }
        return queued.Count;
    }

    private async Task<(OperatorActionStatus, string)> ApplyAsync(OperatorAction action, DateTimeOffset at, CancellationToken ct)
    {
        var name = $"{action.ContractId}/{action.ClauseId}";
        var contract = evaluator.Contracts.FirstOrDefault(c => c.Id == action.ContractId);
        var clause = contract?.Clauses.FirstOrDefault(c => c.Id.Value == action.ClauseId);
        if (contract is null || clause is null) return Refuse(action, $"there is no clause {name} in the contracts in force");

        if (evaluator.FinishedAtStart.Any(e => IsRecordOf(e, action)))
            return (OperatorActionStatus.Applied, $"{Verb(action.Kind)} of {name} was applied before the gateway restarted");

        var definition = ClauseDefinition.Hash(contract, clause);
        var before = await commitments.LoadAsync(contract.Id, clause.Id.Value, definition, ct).ConfigureAwait(false) ?? CommitmentSnapshot.Initial(at);
        var commitment = new Commitment(before);
        if (commitment.Refusal(action, at) is { } refusal) return Refuse(action, refusal);

        var transitions = commitment.Perform(action, at);
        var after = commitment.Snapshot;
        var entries = new List<PendingEvidence>
        {
            PendingEvidence.Of(EvidenceKinds.OperatorAction, at, new OperatorActionEvidence(contract.Id, clause.Id.Value, Verb(action.Kind),
                action.Actor, action.Reason, action.Until, action.RequestedAt, before.State.ToString(), after.State.ToString(), after.EpisodeNumber)),
        };
        // An acknowledgement is told to the ticket systems (once per episode: the state machine allows one), citing its record.
        entries.AddRange(transitions.Select(t => PendingEvidence.Of(EvidenceKinds.Transition, t.At, new TransitionEvidence(contract.Id, clause.Id.Value,
            t.From.ToString(), t.To.ToString(), t.Trigger.ToString(), t.EpisodeNumber, t.EscalationLevel, before.LastVerdict?.Label() ?? "NONE", null),
            evaluator.OperatorActionsFor(contract, clause, t, action.Actor))));
        await evaluator.CommitStepAsync(contract.Id, clause.Id.Value, definition, after, entries, ct).ConfigureAwait(false);
        evaluator.Remember(contract.Id, clause.Id, after);

        var detail = action.Kind switch
        {
            OperatorActionKind.Snooze => $"escalation of {name} held until {action.Until:u} (state {after.State})",
            _ when before.State == after.State => $"{Verb(action.Kind)} of {name} recorded (state {after.State}, until {action.Until:u})",
            _ => $"{name} moved {before.State} -> {after.State}" + (action.Until is { } u ? $" until {u:u}" : string.Empty),
        };
        LogApplied(Verb(action.Kind), contract.Id, clause.Id.Value, action.Actor, action.Reason, before.State, after.State);
        return (OperatorActionStatus.Applied, detail);
    }

    /// <summary>Whether a record is this action's own (a crash came after it was recorded, before the queue heard).</summary>
    private static bool IsRecordOf(PendingEvidence record, OperatorAction action) =>
        record.Kind == EvidenceKinds.OperatorAction
        && record.Body.GetProperty("contract").GetString() == action.ContractId
        && record.Body.GetProperty("clause").GetString() == action.ClauseId
        && record.Body.GetProperty("action").GetString() == Verb(action.Kind)
        && record.Body.GetProperty("actor").GetString() == action.Actor
        && record.Body.GetProperty("requested_at").GetDateTimeOffset() == action.RequestedAt;

    private (OperatorActionStatus, string) Refuse(OperatorAction action, string why)
    {
        LogRefused(Verb(action.Kind), action.ContractId, action.ClauseId, action.Actor, why);
        return (OperatorActionStatus.Refused, why);
    }

    /// <summary>The action's name as written in the ledger and on the command line.</summary>
    public static string Verb(OperatorActionKind kind) => kind switch
    {
        OperatorActionKind.Acknowledge => "acknowledge",
        OperatorActionKind.Snooze => "snooze",
        _ => "waive",
    };

    [LoggerMessage(EventId = 2005, EventName = "OperatorActionApplied", Level = LogLevel.Information,
        Message = "{Action} of {ContractId}/{ClauseId} by {Actor} ({Reason}): {From} -> {To}")]
    private partial void LogApplied(string action, string contractId, string clauseId, string actor, string reason, CommitmentState from, CommitmentState to);

    [LoggerMessage(EventId = 2006, EventName = "OperatorActionRefused", Level = LogLevel.Warning,
        Message = "{Action} of {ContractId}/{ClauseId} by {Actor} refused: {Why}")]
    private partial void LogRefused(string action, string contractId, string clauseId, string actor, string why);
}
