using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;
using ValueGuard.Escalation.Outbox;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Evaluates every clause at an instant: reads its window from the store, computes the KPI, decides
/// the verdict, drives the commitment, records each transition in the evidence ledger and puts the
/// escalation actions it calls for into the outbox. State is loaded and saved per clause.
/// </summary>
public sealed partial class ClauseEvaluator
{
    private readonly IReadOnlyList<Contract> contracts;
    private readonly ClauseCalculator calculator;
    private readonly ICommitmentStore commitments;
    private readonly IEvidenceLedger ledger;
    private readonly EscalationOutbox outbox;
    private readonly IReadOnlyCollection<string> sinks;
    private readonly EscalationPolicy policy;
    private readonly TimeSpan allowedLateness;
    private readonly ILogger<ClauseEvaluator> log;
    private readonly Dictionary<(string, ClauseId), ClauseStatus> statuses = [];
    // One evaluation round or one operator action at a time: each loads, moves and saves a clause's snapshot.
    private readonly SemaphoreSlim gate = new(1, 1);

    public ClauseEvaluator(
        IReadOnlyList<Contract> contracts,
        ISignalCatalog catalog,
        ITimeSeriesStore store,
        ICommitmentStore commitments,
        IEvidenceLedger ledger,
        EscalationOutbox outbox,
        IReadOnlyCollection<string> sinks,
        EscalationPolicy policy,
        TimeSpan allowedLateness,
        ILogger<ClauseEvaluator> log)
    {
        this.contracts = contracts;
        calculator = new ClauseCalculator(store, catalog);
        this.commitments = commitments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.sinks = sinks;
        this.policy = policy;
        this.allowedLateness = allowedLateness;
        this.log = log;
    }

    /// <summary>The latest status of every clause evaluated so far, in contract order.</summary>
    public IReadOnlyList<ClauseStatus> Statuses => [.. statuses.Values];

    /// <summary>Records the contract versions in force; call once at start.</summary>
    public async Task RecordContractsAsync(DateTimeOffset at, CancellationToken ct)
    {
        foreach (var c in contracts)
            await ledger.AppendAsync(EvidenceKinds.ContractLoaded, at, new ContractEvidence(c.Id, c.Customer, c.SourceSha256, c.Clauses.Count), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ClauseStatus>> EvaluateAsync(DateTimeOffset at, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var contract in contracts)
                foreach (var clause in contract.Clauses)
                    statuses[(contract.Id, clause.Id)] = await EvaluateClauseAsync(contract, clause, at, ct).ConfigureAwait(false);
            return Statuses;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A person acknowledges the breach of a clause: the commitment moves to Acknowledged (which stops its
    /// escalation), recorded in the ledger with the KPI result of the clause's latest evaluation and the reason.
    /// Returns the transitions; none when the clause is not in a breach that can be acknowledged.
    /// </summary>
    public async Task<IReadOnlyList<CommitmentTransition>> AcknowledgeAsync(string contractId, string clauseId, string reason, DateTimeOffset at, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var contract = contracts.FirstOrDefault(c => c.Id == contractId) ?? throw new KeyNotFoundException($"no contract '{contractId}'");
            var clause = contract.Clauses.FirstOrDefault(c => c.Id.Value == clauseId) ?? throw new KeyNotFoundException($"no clause '{clauseId}' in {contractId}");
            var definition = ClauseDefinition.Hash(contract, clause);
            var snapshot = await commitments.LoadAsync(contract.Id, clause.Id.Value, definition, ct).ConfigureAwait(false);
            if (snapshot is null || !statuses.TryGetValue((contract.Id, clause.Id), out var status) || status is not { Result: { } result, Verdict: { } verdict }) return [];
            var commitment = new Commitment(snapshot);
            var transitions = commitment.Acknowledge(at);
            foreach (var t in transitions)
            {
                await RecordAsync(contract, clause, t, verdict, result, null, ct).ConfigureAwait(false);
                await ledger.AppendAsync(OperatorActionEvidence.Kind, at, new OperatorActionEvidence(contract.Id, clause.Id.Value, "acknowledge", reason, t.EpisodeNumber), ct).ConfigureAwait(false);
            }
            if (transitions.Count > 0)
            {
                await commitments.SaveAsync(contract.Id, clause.Id.Value, definition, commitment.Snapshot, ct).ConfigureAwait(false);
                statuses[(contract.Id, clause.Id)] = status with { Snapshot = commitment.Snapshot };
            }
            return transitions;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ClauseStatus> EvaluateClauseAsync(Contract contract, Clause clause, DateTimeOffset at, CancellationToken ct)
    {
        var definition = ClauseDefinition.Hash(contract, clause);
        var snapshot = await commitments.LoadAsync(contract.Id, clause.Id.Value, definition, ct).ConfigureAwait(false)
            ?? CommitmentSnapshot.Initial(at);
        var calculation = await calculator.CalculateAsync(contract, clause, at, ct).ConfigureAwait(false);
        if (calculation is not { Result: { } result, Verdict: { } verdict }) return new ClauseStatus(contract, clause, at, null, null, snapshot);
        if (snapshot.IsClosed) return new ClauseStatus(contract, clause, at, result, verdict, snapshot);

        var commitment = new Commitment(snapshot);
        var transitions = new List<CommitmentTransition>();
        var periodEnd = clause.Window.EndsAt(calculation.Timeline);
        if (periodEnd is { } end && at >= end + allowedLateness && verdict != Verdict.Indeterminate)
        {
            // Recorded at the instant of closing (not the period's end) so the ledger's time never runs back.
            transitions.AddRange(commitment.Apply(verdict, at));
            transitions.AddRange(commitment.ClosePeriod(verdict is Verdict.Met or Verdict.AtRisk, at));
        }
        else
        {
            transitions.AddRange(commitment.Apply(verdict, at, clause.Debounce));
            transitions.AddRange(commitment.EscalateIfDue(policy, at));
        }

        foreach (var t in transitions)
            await RecordAsync(contract, clause, t, verdict, result, calculation.Forecast, ct).ConfigureAwait(false);
        if (transitions.Count > 0 || snapshot != commitment.Snapshot)
            await commitments.SaveAsync(contract.Id, clause.Id.Value, definition, commitment.Snapshot, ct).ConfigureAwait(false);
        return new ClauseStatus(contract, clause, at, result, verdict, commitment.Snapshot);
    }

    private async Task RecordAsync(Contract contract, Clause clause, CommitmentTransition t, Verdict verdict, KpiResult result, string? forecast, CancellationToken ct)
    {
        var record = await ledger.AppendAsync(EvidenceKinds.Transition, t.At, TransitionEvidence.Of(contract.Id, clause.Id.Value, t, verdict, result, forecast), ct).ConfigureAwait(false);
        LogTransition(contract.Id, clause.Id.Value, t.From, t.To, t.At, result.FormatValue(), result.Coverage, record.Hash);
        if (EscalationPlanner.ActionFor(t) is not { } kind) return;
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, t.EpisodeNumber);
        var content = TicketContentFactory.Create(contract, clause, t, result, kind, record.Hash);
        await outbox.EnqueueAsync(new EscalationAction(episode, kind, t.EscalationLevel, t.At, content), sinks, ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2001, EventName = "ClauseTransition", Level = LogLevel.Information,
        Message = "Clause {ContractId}/{ClauseId} moved {From} -> {To} at {Instant:u} (KPI {Value}, coverage {Coverage:P1}, evidence {EvidenceHash})")]
    private partial void LogTransition(string contractId, string clauseId, CommitmentState from, CommitmentState to, DateTimeOffset instant, string value, double coverage, string evidenceHash);
}
