using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Gateway.Web;

/// <summary>
/// The minimal operator actions on the clause evaluator itself: acknowledge moves the commitment and records
/// the transition and the reason in the ledger. Snooze is not offered here (it needs the escalation policy to
/// honour it); the operator-action service replaces this class when it is wired in.
/// </summary>
public sealed class EvaluatorOperatorActions : IOperatorActions
{
    private readonly ClauseEvaluator evaluator;
    private readonly TimeProvider clock;

    public EvaluatorOperatorActions(ClauseEvaluator evaluator, TimeProvider clock)
    {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    public async Task<OperatorActionResult> AcknowledgeAsync(string contract, string clause, string reason, CancellationToken cancellationToken)
    {
        IReadOnlyList<Core.Commitments.CommitmentTransition> moved;
        try
        {
            moved = await evaluator.AcknowledgeAsync(contract, clause, reason, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException e)
        {
            return OperatorActionResult.NotFound(e.Message);
        }
        var state = evaluator.Statuses.FirstOrDefault(s => s.Contract.Id == contract && s.Clause.Id.Value == clause)?.Snapshot.State.ToString() ?? "Scheduled";
        return moved.Count > 0
            ? OperatorActionResult.Done(state, $"{contract}/{clause} acknowledged: {state}")
            : OperatorActionResult.Refused(state, $"{contract}/{clause} is {state}: only a breached or escalated clause can be acknowledged");
    }

    public Task<OperatorActionResult> SnoozeAsync(string contract, string clause, string reason, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.FromResult(OperatorActionResult.NotSupported("snooze is not available on this gateway yet; acknowledge stops the escalation"));
}
