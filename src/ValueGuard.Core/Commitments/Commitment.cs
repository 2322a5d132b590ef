using Stateless;
using Stateless.Graph;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Core.Commitments;

/// <summary>
/// The lifecycle of one clause, driven by verdicts, escalation deadlines, acknowledgements and the
/// end of its period. The state lives in a <see cref="CommitmentSnapshot"/> the caller persists.
/// </summary>
public sealed class Commitment
{
    private readonly StateMachine<CommitmentState, CommitmentTrigger> machine;
    private readonly List<StateMachine<CommitmentState, CommitmentTrigger>.Transition> fired = [];
    private DateTimeOffset now;

    public Commitment(CommitmentSnapshot snapshot)
    {
        Snapshot = snapshot;
        machine = new StateMachine<CommitmentState, CommitmentTrigger>(() => Snapshot.State, SetState);
        Configure(machine);
        // Stateless raises OnTransitioned before it stores the state of a re-entry, so the record is
        // built after Fire returns, from the snapshot as it then stands.
        machine.OnTransitioned(fired.Add);
    }

    public CommitmentSnapshot Snapshot { get; private set; }

    public IReadOnlyList<CommitmentTransition> Apply(Verdict verdict, DateTimeOffset at) => Apply(verdict, at, TimeSpan.Zero);

    /// <summary>
    /// Applies a verdict with debounce: a verdict that would move the commitment must hold for
    /// <paramref name="debounce"/> before it does (entering and leaving alike). The move is then recorded
    /// at the instant the debounce ran out, not at the (possibly later) evaluation that noticed it, so a
    /// restart in the middle of a debounce does not delay it.
    /// </summary>
    public IReadOnlyList<CommitmentTransition> Apply(Verdict verdict, DateTimeOffset at, TimeSpan debounce)
    {
        var trigger = TriggerFor(verdict);
        if (debounce <= TimeSpan.Zero) return Fire(trigger, at);
        if (Destinations.GetValueOrDefault((Snapshot.State, trigger), Snapshot.State) == Snapshot.State)
        {
            Snapshot = Snapshot with { PendingTrigger = null, PendingSince = null };
            return [];
        }
        if (Snapshot.PendingTrigger != trigger || Snapshot.PendingSince is not { } since)
        {
            Snapshot = Snapshot with { PendingTrigger = trigger, PendingSince = at };
            return [];
        }
        if (at - since < debounce) return [];
        Snapshot = Snapshot with { PendingTrigger = null, PendingSince = null };
        return Fire(trigger, since + debounce);
    }

    private static CommitmentTrigger TriggerFor(Verdict verdict) => verdict switch
    {
        Verdict.Met => CommitmentTrigger.EvaluatedMet,
        Verdict.AtRisk => CommitmentTrigger.EvaluatedAtRisk,
        Verdict.Breached => CommitmentTrigger.EvaluatedBreached,
        _ => CommitmentTrigger.EvaluatedIndeterminate,
    };

    /// <summary>Where each trigger leads from each state (ignored triggers lead back to the same state).</summary>
    private static readonly Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState> Destinations = BuildDestinations();

    private static Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState> BuildDestinations()
    {
        var table = new Dictionary<(CommitmentState, CommitmentTrigger), CommitmentState>();
        foreach (var from in Enum.GetValues<CommitmentState>())
        {
            foreach (var trigger in Enum.GetValues<CommitmentTrigger>())
            {
                var state = from;
                var scratch = new StateMachine<CommitmentState, CommitmentTrigger>(() => state, s => state = s);
                Configure(scratch);
                if (scratch.CanFire(trigger)) scratch.Fire(trigger);
                table[(from, trigger)] = state;
            }
        }
        return table;
    }

    /// <summary>Escalates one level when the breach has gone unacknowledged for the policy's delay at its level.</summary>
    public IReadOnlyList<CommitmentTransition> EscalateIfDue(EscalationSchedule schedule, DateTimeOffset at) =>
        schedule.EscalationDue(Snapshot, at) ? Fire(CommitmentTrigger.EscalationDue, at) : [];

    /// <summary>As <see cref="EscalateIfDue(EscalationSchedule, DateTimeOffset)"/>, with the policy measured in UTC.</summary>
    public IReadOnlyList<CommitmentTransition> EscalateIfDue(EscalationPolicy policy, DateTimeOffset at) =>
        EscalateIfDue(EscalationSchedule.Utc(policy), at);

    public IReadOnlyList<CommitmentTransition> Acknowledge(DateTimeOffset at) => Fire(CommitmentTrigger.Acknowledge, at);

    /// <summary>Closes a period clause with its final verdict.</summary>
    public IReadOnlyList<CommitmentTransition> ClosePeriod(bool met, DateTimeOffset at) =>
        Fire(met ? CommitmentTrigger.PeriodEndedMet : CommitmentTrigger.PeriodEndedMissed, at);

    private IReadOnlyList<CommitmentTransition> Fire(CommitmentTrigger trigger, DateTimeOffset at)
    {
        fired.Clear();
        now = at;
        if (machine.CanFire(trigger)) machine.Fire(trigger);
        return [.. fired.Select(t => new CommitmentTransition(t.Source, t.Destination, t.Trigger, at, Snapshot.EpisodeNumber, Snapshot.EscalationLevel))];
    }

    private void SetState(CommitmentState next)
    {
        var previous = Snapshot;
        var startsEpisode = next == CommitmentState.Breached && !previous.InBreach;
        var escalates = next == CommitmentState.Escalated;
        Snapshot = previous with
        {
            State = next,
            Since = now,
            EpisodeNumber = startsEpisode ? previous.EpisodeNumber + 1 : previous.EpisodeNumber,
            EscalationLevel = startsEpisode ? 0 : escalates ? previous.EscalationLevel + 1 : previous.EscalationLevel,
            LastEscalationAt = startsEpisode || escalates ? now : previous.LastEscalationAt,
        };
    }

    /// <summary>The state graph of the real machine, for docs (<c>valueguard states</c>).</summary>
    public static string ToMermaid() => MermaidGraph.Format(Describe().GetInfo());

    /// <summary>The state graph in Graphviz dot.</summary>
    public static string ToDot() => UmlDotGraph.Format(Describe().GetInfo());

    private static StateMachine<CommitmentState, CommitmentTrigger> Describe()
    {
        var state = CommitmentState.Scheduled;
        var m = new StateMachine<CommitmentState, CommitmentTrigger>(() => state, s => state = s);
        Configure(m);
        return m;
    }

    private static void Configure(StateMachine<CommitmentState, CommitmentTrigger> m)
    {
        foreach (var active in new[] { CommitmentState.Scheduled, CommitmentState.Compliant, CommitmentState.AtRisk, CommitmentState.Recovered, CommitmentState.Indeterminate })
        {
            var c = m.Configure(active);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedMet, CommitmentState.Compliant);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedAtRisk, CommitmentState.AtRisk);
            PermitOrIgnore(c, active, CommitmentTrigger.EvaluatedIndeterminate, CommitmentState.Indeterminate);
            c.Permit(CommitmentTrigger.EvaluatedBreached, CommitmentState.Breached);
            c.Ignore(CommitmentTrigger.Acknowledge).Ignore(CommitmentTrigger.EscalationDue);
            c.Permit(CommitmentTrigger.PeriodEndedMet, CommitmentState.ClosedMet);
            c.Permit(CommitmentTrigger.PeriodEndedMissed, CommitmentState.ClosedMissed);
        }

        // A breach ends only when the data shows the target holds again; losing the data does not end it.
        foreach (var breach in new[] { CommitmentState.Breached, CommitmentState.Escalated, CommitmentState.Acknowledged })
        {
            var c = m.Configure(breach)
                .Permit(CommitmentTrigger.EvaluatedMet, CommitmentState.Recovered)
                .Permit(CommitmentTrigger.EvaluatedAtRisk, CommitmentState.Recovered)
                .Ignore(CommitmentTrigger.EvaluatedBreached)
                .Ignore(CommitmentTrigger.EvaluatedIndeterminate)
                .Permit(CommitmentTrigger.PeriodEndedMet, CommitmentState.ClosedMet)
                .Permit(CommitmentTrigger.PeriodEndedMissed, CommitmentState.ClosedMissed);
            if (breach == CommitmentState.Acknowledged)
                c.Ignore(CommitmentTrigger.Acknowledge).Ignore(CommitmentTrigger.EscalationDue);
            else
                c.Permit(CommitmentTrigger.Acknowledge, CommitmentState.Acknowledged);
        }
        m.Configure(CommitmentState.Breached).Permit(CommitmentTrigger.EscalationDue, CommitmentState.Escalated);
        m.Configure(CommitmentState.Escalated).PermitReentry(CommitmentTrigger.EscalationDue);

        foreach (var closed in new[] { CommitmentState.ClosedMet, CommitmentState.ClosedMissed })
        {
            var c = m.Configure(closed);
            foreach (var trigger in Enum.GetValues<CommitmentTrigger>()) c.Ignore(trigger);
        }
    }

    private static void PermitOrIgnore(StateMachine<CommitmentState, CommitmentTrigger>.StateConfiguration c, CommitmentState self, CommitmentTrigger trigger, CommitmentState target)
    {
        if (self == target) c.Ignore(trigger);
        else c.Permit(trigger, target);
    }
}
