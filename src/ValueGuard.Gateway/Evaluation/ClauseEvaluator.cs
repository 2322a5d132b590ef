using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;
using ValueGuard.Escalation.Outbox;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Evaluates every clause at an instant: reads its window from the store, computes the KPI, decides
/// the verdict (with the clause's hysteresis), drives the commitment, records each transition in the
/// evidence ledger and puts the escalation actions it calls for into the outbox. State is loaded and
/// saved per clause, written ahead of its records (<see cref="ClauseRecording"/>) so that a crash never records a
/// step twice nor loses its tickets; evaluation, operator actions and contract reloads take turns.
/// </summary>
public sealed partial class ClauseEvaluator : IDisposable
{
    private readonly ClauseCalculator calculator;
    private readonly ICommitmentStore commitments;
    private readonly IEvidenceLedger ledger;
    private readonly EscalationOutbox outbox;
    private readonly IReadOnlyCollection<string> sinks;
    private readonly EscalationPolicy policy;
    private readonly TimeSpan allowedLateness;
    private readonly ILogger<ClauseEvaluator> log;
    private readonly Dictionary<(string, ClauseId), ClauseStatus> statuses = [];
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly ClauseRecording recording;

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
        ILogger<ClauseEvaluator> log,
        BucketCache? buckets = null,
        LostTime? lostTime = null)
    {
        Contracts = contracts;
        calculator = new ClauseCalculator(store, catalog, buckets, lostTime);
        this.commitments = commitments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.sinks = sinks;
        this.policy = policy;
        this.allowedLateness = allowedLateness;
        this.log = log;
        recording = new ClauseRecording(commitments, ledger, outbox, log);
    }

    /// <summary>Where compliance reports are published; tickets link to <c>BASE/CONTRACT/CLAUSE</c>. Null: no link.</summary>
    public Uri? ReportsBaseUrl { get; init; }

    /// <summary>The sinks that take notices rather than tickets (chat, webhook, e-mail): where at-risk notices may go.</summary>
    public IReadOnlyCollection<string> NotificationSinks { get; init; } = [];

    /// <summary>The contracts in force (replaced by <see cref="ReloadAsync"/>).</summary>
    public IReadOnlyList<Contract> Contracts { get; private set; }

    /// <summary>The latest status of every clause evaluated so far, in contract order.</summary>
    public IReadOnlyList<ClauseStatus> Statuses => [.. statuses.Values];

    /// <summary>
    /// Call once at start: finishes recording any step the last run was stopped in the middle of (see
    /// <see cref="ClauseRecording"/>), compares every clause's definition with the stored one (a changed clause starts
    /// afresh, a removed one is closed, both recorded) and records the contract versions in force.
    /// </summary>
    public Task RecordContractsAsync(DateTimeOffset at, CancellationToken ct) =>
        InTurnAsync(async () =>
        {
            await recording.RecoverAsync(ct).ConfigureAwait(false);
            await ClauseReconciliation.RunAsync(Contracts, commitments, ledger, at, log, ct).ConfigureAwait(false);
            foreach (var c in Contracts) await RecordContractAsync(c, at, ct).ConfigureAwait(false);
            return 0;
        }, ct);

    /// <summary>
    /// Puts reloaded contracts in force: unchanged clauses keep their state, debounce timers and episode
    /// counters; changed clauses start afresh and removed ones are closed, each recorded; a contract whose
    /// file changed gets a new contract-loaded record. Returns how many contracts changed.
    /// </summary>
    public Task<int> ReloadAsync(IReadOnlyList<Contract> reloaded, DateTimeOffset at, CancellationToken ct) =>
        InTurnAsync(async () =>
        {
            await ClauseReconciliation.RunAsync(reloaded, commitments, ledger, at, log, ct).ConfigureAwait(false);
            var changed = 0;
            foreach (var c in reloaded)
            {
                if (Contracts.Any(old => old.Id == c.Id && old.SourceSha256 == c.SourceSha256)) continue;
                await RecordContractAsync(c, at, ct).ConfigureAwait(false);
                changed++;
            }
            Contracts = reloaded;
            foreach (var key in statuses.Keys.Where(k => !reloaded.Any(c => c.Id == k.Item1 && c.Clauses.Any(cl => cl.Id == k.Item2))).ToList())
                statuses.Remove(key);
            return changed;
        }, ct);

    private Task RecordContractAsync(Contract c, DateTimeOffset at, CancellationToken ct) =>
        ledger.AppendAsync(EvidenceKinds.ContractLoaded, at, new ContractEvidence(c.Id, c.Customer, c.SourceSha256, c.Clauses.Count), ct);

    public Task<IReadOnlyList<ClauseStatus>> EvaluateAsync(DateTimeOffset at, CancellationToken ct) =>
        InTurnAsync(async () =>
        {
            foreach (var contract in Contracts)
                foreach (var clause in contract.Clauses)
                    statuses[(contract.Id, clause.Id)] = await EvaluateClauseAsync(contract, clause, at, ct).ConfigureAwait(false);
            return Statuses;
        }, ct);

    /// <summary>Keeps a clause's latest status in step with a snapshot changed outside an evaluation (an operator action).</summary>
    internal void Remember(string contractId, ClauseId clauseId, CommitmentSnapshot snapshot)
    {
        if (statuses.TryGetValue((contractId, clauseId), out var status)) statuses[(contractId, clauseId)] = status with { Snapshot = snapshot };
    }

    /// <summary>Saves a clause's next snapshot and records what led to it, written ahead (see <see cref="ClauseRecording"/>).</summary>
    internal Task<IReadOnlyList<EvidenceRecord>> CommitStepAsync(string contractId, string clauseId, string definition, CommitmentSnapshot next,
        IReadOnlyList<PendingEvidence> entries, CancellationToken ct) =>
        recording.CommitAsync(contractId, clauseId, definition, next, entries, ct);

    /// <summary>The evidence records of steps the last run had not finished recording, finished at this start.</summary>
    internal IReadOnlyList<PendingEvidence> FinishedAtStart => recording.Finished;

    /// <summary>Runs work while no evaluation, reload or other operator action touches commitment state.</summary>
    internal async Task<T> InTurnAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<ClauseStatus> EvaluateClauseAsync(Contract contract, Clause clause, DateTimeOffset at, CancellationToken ct)
    {
        var definition = ClauseDefinition.Hash(contract, clause);
        var snapshot = await commitments.LoadAsync(contract.Id, clause.Id.Value, definition, ct).ConfigureAwait(false)
            ?? CommitmentSnapshot.Initial(at);
        snapshot = await CloseFinishedPeriodsAsync(contract, clause, definition, snapshot, at, ct).ConfigureAwait(false);
        var calculation = await calculator.CalculateAsync(contract, clause, at, ct).ConfigureAwait(false);
        if (calculation is not { Result: { } result, Verdict: { } computed }) return new ClauseStatus(contract, clause, at, null, null, snapshot);
        if (snapshot.IsClosed) return new ClauseStatus(contract, clause, at, result, computed, snapshot);
        var verdict = computed == Verdict.Met ? VerdictRules.Decide(clause, result, snapshot.State) : computed;

        var commitment = new Commitment(snapshot);
        var transitions = new List<CommitmentTransition>();
        var periodEnd = clause.Window.EndsAt(calculation.Timeline);
        if (periodEnd is { } end && at >= end + allowedLateness && verdict != Verdict.Indeterminate)
        {
            // Recorded at the instant of closing (not the period's end) so the ledger's time never runs back.
            transitions.AddRange(commitment.Apply(verdict, at, clause.Rules with { Debounce = TimeSpan.Zero }));
            transitions.AddRange(commitment.ClosePeriod(verdict is Verdict.Met or Verdict.AtRisk, at));
        }
        else
        {
            transitions.AddRange(commitment.Apply(verdict, at, clause.Rules));
            transitions.AddRange(commitment.EscalateIfDue(ScheduleOf(contract), at));
        }

        var pending = transitions.Select(t => PrepareTransition(contract, clause, t, verdict, result, calculation)).ToList();
        if (FlappingChange(contract, clause, snapshot, commitment.Snapshot, at) is { } flapping) pending.Add(flapping);
        if (pending.Count > 0 || snapshot != commitment.Snapshot)
        {
            var records = await recording.CommitAsync(contract.Id, clause.Id.Value, definition, commitment.Snapshot, pending, ct).ConfigureAwait(false);
            LogRecorded(contract, clause, transitions, records, result);
            LogFlapping(contract, clause, snapshot, commitment.Snapshot);
        }
        await RemindIfDueAsync(contract, clause, commitment.Snapshot, result, TicketForecast.For(clause, calculation), at, ct).ConfigureAwait(false);
        return new ClauseStatus(contract, clause, at, result, verdict, commitment.Snapshot);
    }

    /// <summary>The record of flapping's start or end, once each; null when the step changed neither.</summary>
    private static PendingEvidence? FlappingChange(Contract contract, Clause clause, CommitmentSnapshot before, CommitmentSnapshot after, DateTimeOffset at)
    {
        if (before.IsFlapping == after.IsFlapping) return null;
        var rule = clause.Rules.Flapping;
        var changes = after.IsFlapping ? after.RecentChanges.Count : before.RecentChanges.Count;
        return PendingEvidence.Of(EvidenceKinds.Flapping, at,
            new FlappingEvidence(contract.Id, clause.Id.Value, after.IsFlapping, after.State.ToString(), changes, rule.MaxChanges, rule.Within, after.FlappingSince ?? before.FlappingSince));
    }

    private void LogFlapping(Contract contract, Clause clause, CommitmentSnapshot before, CommitmentSnapshot after)
    {
        if (before.IsFlapping == after.IsFlapping) return;
        if (after.IsFlapping) LogFlappingStarted(contract.Id, clause.Id.Value, after.RecentChanges.Count, clause.Rules.Flapping.Within, after.State);
        else LogFlappingEnded(contract.Id, clause.Id.Value, after.State);
    }

    /// <summary>A transition's evidence record with the escalation actions it calls for (their evidence hash is filled in when it is written).</summary>
    private PendingEvidence PrepareTransition(Contract contract, Clause clause, CommitmentTransition t, Verdict verdict, KpiResult result, ClauseCalculation calculation)
    {
        var actions = new List<PendingAction>();
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, t.EpisodeNumber);
        var forecast = TicketForecast.For(clause, calculation);
        if (EscalationPlanner.AtRiskPlan(t, ScheduleOf(contract), contract.Owners, NotificationSinks) is { } notice)
        {
            var noticeContent = TicketContentFactory.Create(contract, clause, t.To, result, notice, string.Empty, forecast, ReportsBaseUrl);
            actions.Add(new(new EscalationAction(episode, notice.Kind, 0, t.At, noticeContent) { NotBefore = notice.NotBefore }, notice.Sinks));
        }
        if (EscalationPlanner.Plan(t, ScheduleOf(contract), contract.Owners, sinks) is { } plan)
        {
            var content = TicketContentFactory.Create(contract, clause, t.To, result, plan, string.Empty, forecast, ReportsBaseUrl);
            actions.Add(new(new EscalationAction(episode, plan.Kind, t.EscalationLevel, t.At, content) { NotBefore = plan.NotBefore }, plan.Sinks));
        }
        return PendingEvidence.Of(EvidenceKinds.Transition, t.At, TransitionEvidence.Of(contract.Id, clause.Id.Value, t, verdict, result, calculation.Forecast), actions);
    }

    /// <summary>
    /// The escalation action a person's transition calls for (an acknowledgement tells every sink that heard of the
    /// episode who took it on), its content from the clause's latest evaluation; empty when it calls for none.
    /// </summary>
    internal IReadOnlyList<PendingAction> OperatorActionsFor(Contract contract, Clause clause, CommitmentTransition t, string actor)
    {
        if (EscalationPlanner.Plan(t, ScheduleOf(contract), contract.Owners, sinks) is not { } plan) return [];
        var result = statuses.TryGetValue((contract.Id, clause.Id), out var status) ? status.Result : null;
        var content = TicketContentFactory.Create(contract, clause, t.To, result, plan, string.Empty, null, ReportsBaseUrl);
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, t.EpisodeNumber);
        return [new(new EscalationAction(episode, plan.Kind, t.EscalationLevel, t.At, content) { NotBefore = plan.NotBefore, Actor = actor }, plan.Sinks)];
    }

    /// <summary>Logs each transition with its record; the records start with the transitions', in order.</summary>
    private void LogRecorded(Contract contract, Clause clause, IReadOnlyList<CommitmentTransition> transitions, IReadOnlyList<EvidenceRecord> records, KpiResult result)
    {
        for (var i = 0; i < transitions.Count; i++)
        {
            var t = transitions[i];
            LogTransition(contract.Id, clause.Id.Value, t.From, t.To, t.At, result.FormatValue(), result.Coverage, records[i].Hash);
        }
    }

    public void Dispose() => turn.Dispose();

    /// <summary>
    /// Repeats an unacknowledged breach at the policy's interval. The reminder's number is part of its key, so
    /// evaluating again within the same interval (or after a restart) enqueues nothing new.
    /// </summary>
    private async Task RemindIfDueAsync(Contract contract, Clause clause, CommitmentSnapshot snapshot, KpiResult result, string? forecast, DateTimeOffset at, CancellationToken ct)
    {
        if (snapshot.SnoozedUntil is { } snoozed && at < snoozed) return;
        var schedule = ScheduleOf(contract);
        if (schedule.ReminderDue(snapshot, at) is not { } number) return;
        var plan = EscalationPlanner.Plan(EscalationActionKind.Remind, snapshot.EscalationLevel, at, schedule, contract.Owners, sinks);
        var episode = new BreachEpisodeId(contract.Id, clause.Id.Value, snapshot.EpisodeNumber);
        var content = TicketContentFactory.Create(contract, clause, snapshot.State, result, plan, ledger.Head, forecast, ReportsBaseUrl);
        var action = new EscalationAction(episode, EscalationActionKind.Remind, snapshot.EscalationLevel, at, content) { Reminder = number, NotBefore = plan.NotBefore };
        await outbox.EnqueueAsync(action, plan.Sinks, ct).ConfigureAwait(false);
    }

    private EscalationSchedule ScheduleOf(Contract contract) => new(contract.Escalation ?? policy, contract.Zone);

    [LoggerMessage(EventId = 2001, EventName = "ClauseTransition", Level = LogLevel.Information,
        Message = "Clause {ContractId}/{ClauseId} moved {From} -> {To} at {Instant:u} (KPI {Value}, coverage {Coverage:P1}, evidence {EvidenceHash})")]
    private partial void LogTransition(string contractId, string clauseId, CommitmentState from, CommitmentState to, DateTimeOffset instant, string value, double coverage, string evidenceHash);

    [LoggerMessage(EventId = 2003, EventName = "ClauseFlapping", Level = LogLevel.Warning,
        Message = "Clause {ContractId}/{ClauseId} is flapping ({Changes} state changes within {Within}); held in {State} until stable")]
    private partial void LogFlappingStarted(string contractId, string clauseId, int changes, TimeSpan within, CommitmentState state);

    [LoggerMessage(EventId = 2004, EventName = "ClauseStable", Level = LogLevel.Information,
        Message = "Clause {ContractId}/{ClauseId} is stable again in {State}")]
    private partial void LogFlappingEnded(string contractId, string clauseId, CommitmentState state);
}
