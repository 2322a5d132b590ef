using ValueGuard.Core.Commitments;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Operators;
using ValueGuard.Storage.Operators;

namespace ValueGuard.Gateway.Web;

/// <summary>
/// The web UI's acknowledge and snooze, through the gateway's operator-action service (the same path as
/// <c>valueguard ack|snooze</c> and the IoT Edge direct method): queued, applied in turn with evaluation
/// rounds, and recorded in the evidence ledger with the actor and the reason.
/// </summary>
public sealed class GatewayOperatorActions(OperatorActions service, ClauseEvaluator evaluator, TimeProvider clock) : IOperatorActions
{
    /// <summary>The actor recorded for actions taken in the web UI: whoever holds its token.</summary>
    public const string Actor = "web-ui";

    public Task<OperatorActionResult> AcknowledgeAsync(string contract, string clause, string reason, CancellationToken cancellationToken) =>
        SubmitAsync(OperatorActionKind.Acknowledge, contract, clause, reason, null, cancellationToken);

    public Task<OperatorActionResult> SnoozeAsync(string contract, string clause, string reason, TimeSpan duration, CancellationToken cancellationToken) =>
        SubmitAsync(OperatorActionKind.Snooze, contract, clause, reason, clock.GetUtcNow() + duration, cancellationToken);

    private async Task<OperatorActionResult> SubmitAsync(OperatorActionKind kind, string contract, string clause, string reason, DateTimeOffset? until, CancellationToken ct)
    {
        if (!evaluator.Contracts.Any(c => c.Id == contract && c.Clauses.Any(k => k.Id.Value == clause))) return OperatorActionResult.NotFound($"there is no clause {contract}/{clause} in the contracts in force");
        var done = await service.SubmitAsync(new OperatorAction(kind, contract, clause, Actor, reason, until, clock.GetUtcNow()), ct).ConfigureAwait(false);
        var state = evaluator.Statuses.FirstOrDefault(s => s.Contract.Id == contract && s.Clause.Id.Value == clause)?.Snapshot.State.ToString()
            ?? nameof(CommitmentState.Scheduled);
        return done.Status == OperatorActionStatus.Applied
            ? OperatorActionResult.Done(state, done.Detail ?? state)
            : OperatorActionResult.Refused(state, $"{contract}/{clause}: {done.Detail}");
    }
}
