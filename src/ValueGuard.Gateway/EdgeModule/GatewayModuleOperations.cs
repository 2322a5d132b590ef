using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Verdicts;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Operators;

namespace ValueGuard.Gateway.EdgeModule;

/// <summary>
/// The gateway's answers to the module's direct methods: clause states and buffer health, acknowledging a
/// breached clause (recorded in the evidence ledger with who and why), and an evaluation round on demand.
/// </summary>
public sealed class GatewayModuleOperations(GatewayRuntime runtime, TimeProvider clock) : IGatewayStatusSource, IClauseAcknowledger, IEvaluationTrigger
{
    public async Task<GatewayStatus> GetStatusAsync(CancellationToken ct)
    {
        var clauses = await SummariesAsync(ct).ConfigureAwait(false);
        var buffer = new BufferHealth(runtime.Site.Site.Store is null ? "embedded" : "influxdb",
            runtime.Spool?.PendingRecords ?? 0, runtime.Spool?.Health.SizeBytes ?? 0);
        return new GatewayStatus(clock.GetUtcNow(), clauses, buffer);
    }

    public async Task<IReadOnlyList<ClauseStatusSummary>> EvaluateNowAsync(CancellationToken ct)
    {
        // The evaluator takes its turn against operator actions and reloads itself.
        await runtime.Evaluator.EvaluateAsync(clock.GetUtcNow(), ct).ConfigureAwait(false);
        await runtime.Dispatcher.DeliverDueAsync(ct).ConfigureAwait(false);
        return await SummariesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Goes through the same operator-action service as <c>valueguard ack</c>: queued, applied, recorded with who and why.</summary>
    public async Task<AcknowledgeOutcome> AcknowledgeAsync(ClauseAcknowledgement request, CancellationToken ct)
    {
        var matches = Find(request.Clause);
        if (matches.Count == 0) return AcknowledgeOutcome.UnknownClause;
        if (matches.Count > 1) return AcknowledgeOutcome.Ambiguous;
        var (contract, clause) = matches[0];
        var action = new OperatorAction(OperatorActionKind.Acknowledge, contract.Id, clause.Id.Value, request.Actor, request.Reason, null, clock.GetUtcNow());
        var done = await runtime.OperatorActions.SubmitAsync(action, ct).ConfigureAwait(false);
        return done.Status == OperatorActionStatus.Applied ? AcknowledgeOutcome.Acknowledged : AcknowledgeOutcome.NotInBreach;
    }

    /// <summary>"contract/clause", or a clause id alone.</summary>
    private List<(Contract, Clause)> Find(string name)
    {
        var slash = name.LastIndexOf('/');
        var (contractId, clauseId) = slash > 0 ? (name[..slash], name[(slash + 1)..]) : (null, name);
        return [.. from contract in runtime.Site.Contracts
                   where contractId is null || contract.Id == contractId
                   from clause in contract.Clauses
                   where clause.Id.Value == clauseId
                   select (contract, clause)];
    }

    private async Task<IReadOnlyList<ClauseStatusSummary>> SummariesAsync(CancellationToken ct)
    {
        var evaluated = runtime.Evaluator.Statuses.ToDictionary(s => (s.Contract.Id, s.Clause.Id.Value));
        var summaries = new List<ClauseStatusSummary>();
        foreach (var contract in runtime.Site.Contracts)
        {
            foreach (var clause in contract.Clauses)
            {
                // The stored state is the truth (an acknowledgement changes it between rounds); the last round adds the numbers.
                var snapshot = await runtime.Commitments.LoadAsync(contract.Id, clause.Id.Value, ClauseDefinition.Hash(contract, clause), ct).ConfigureAwait(false);
                evaluated.TryGetValue((contract.Id, clause.Id.Value), out var status);
                var value = status?.Result is { Value: var v } && !double.IsNaN(v) ? v : (double?)null;
                summaries.Add(new ClauseStatusSummary(contract.Id, clause.Id.Value, (snapshot ?? status?.Snapshot)?.State.ToString() ?? nameof(CommitmentState.Scheduled),
                    status?.Verdict?.Label(), value, status?.Result?.Coverage, status?.EvaluatedAt));
            }
        }
        return summaries;
    }
}
