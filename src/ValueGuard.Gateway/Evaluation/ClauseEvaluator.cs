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
        foreach (var contract in contracts)
            foreach (var clause in contract.Clauses)
                statuses[(contract.Id, clause.Id)] = await EvaluateClauseAsync(contract, clause, at, ct).ConfigureAwait(false);
        return Statuses;
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
            transitions.AddRange(commitment.EscalateIfDue(ScheduleOf(contract), at));
        }

        foreach (var t in transitions)
            await RecordAsync(contract, clause, t, verdict, result, calculation.Forecast, ct).ConfigureAwait(false);
        await RemindIfDueAsync(contract, clause, commitment.Snapshot, result, at, ct).ConfigureAwait(false);
        if (transitions.Count > 0 || snapshot != commitment.Snapshot)
            await commitments.SaveAsync(contract.Id, clause.Id.Value, definition, commitment.Snapshot, ct).ConfigureAwait(false);
        return new ClauseStatus(contract, clause, at, result, verdict, commitment.Snapshot);
    }

    private async Task RecordAsync(Contract contract, Clause clause, CommitmentTransition t, Verdict verdict, KpiResult result, string? forecast, CancellationToken ct)
    {
        var record = await ledger.AppendAsync(EvidenceKinds.Transition, t.At, TransitionEvidence.Of(contract.Id, clause.Id.Value, t, verdict, result, forecast), ct).ConfigureAwait(false);
        LogTransition(contract.Id, clause.Id.Value, t.From, t.To, t.At, result.FormatValue(), result.Coverage, record.Hash);
        if (EscalationPlanner.Plan(t, ScheduleOf(contract), contract.Owners, sinks) is not { } plan) return;
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, t.EpisodeNumber);
        var content = TicketContentFactory.Create(contract, clause, t.To, result, plan, record.Hash);
        var action = new EscalationAction(episode, plan.Kind, t.EscalationLevel, t.At, content) { NotBefore = plan.NotBefore };
        await outbox.EnqueueAsync(action, plan.Sinks, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Repeats an unacknowledged breach at the policy's interval. The reminder's number is part of its key, so
    /// evaluating again within the same interval (or after a restart) enqueues nothing new.
    /// </summary>
    private async Task RemindIfDueAsync(Contract contract, Clause clause, CommitmentSnapshot snapshot, KpiResult result, DateTimeOffset at, CancellationToken ct)
    {
        var schedule = ScheduleOf(contract);
        if (schedule.ReminderDue(snapshot, at) is not { } number) return;
        var plan = EscalationPlanner.Plan(EscalationActionKind.Remind, snapshot.EscalationLevel, at, schedule, contract.Owners, sinks);
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, snapshot.EpisodeNumber);
        var content = TicketContentFactory.Create(contract, clause, snapshot.State, result, plan, ledger.Head);
        var action = new EscalationAction(episode, EscalationActionKind.Remind, snapshot.EscalationLevel, at, content) { Reminder = number, NotBefore = plan.NotBefore };
        await outbox.EnqueueAsync(action, plan.Sinks, ct).ConfigureAwait(false);
    }

    private EscalationSchedule ScheduleOf(Contract contract) => new(contract.Escalation ?? policy, contract.Zone);

    [LoggerMessage(EventId = 2001, EventName = "ClauseTransition", Level = LogLevel.Information,
        Message = "Clause {ContractId}/{ClauseId} moved {From} -> {To} at {Instant:u} (KPI {Value}, coverage {Coverage:P1}, evidence {EvidenceHash})")]
    private partial void LogTransition(string contractId, string clauseId, CommitmentState from, CommitmentState to, DateTimeOffset instant, string value, double coverage, string evidenceHash);
}
