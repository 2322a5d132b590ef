using Stateless;
using Stateless.Graph;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Core.Commitments;

/// <summary>
/// The lifecycle of one clause, driven by verdicts, escalation deadlines, people (acknowledge, snooze,
/// waive) and the end of its period. The state lives in a <see cref="CommitmentSnapshot"/> the caller persists.
/// </summary>
public sealed class Commitment
{
    private readonly StateMachine<CommitmentState, CommitmentTrigger> machine;
    private readonly List<StateMachine<CommitmentState, CommitmentTrigger>.Transition> fired = [];
    private DateTimeOffset now;
    private CommitmentTrigger firing;

    public Commitment(CommitmentSnapshot snapshot)
    {
        Snapshot = snapshot;
        machine = new StateMachine<CommitmentState, CommitmentTrigger>(() => Snapshot.State, SetState);
        CommitmentGraph.Configure(machine, () => Snapshot.WaivedFrom ?? CommitmentState.Compliant);
        // Stateless raises OnTransitioned before it stores the state of a re-entry, so the record is
        // built after Fire returns, from the snapshot as it then stands.
        machine.OnTransitioned(fired.Add);
    }

    public CommitmentSnapshot Snapshot { get; private set; }

    public IReadOnlyList<CommitmentTransition> Apply(Verdict verdict, DateTimeOffset at) => Apply(verdict, at, CommitmentRules.Immediate);

    public IReadOnlyList<CommitmentTransition> Apply(Verdict verdict, DateTimeOffset at, TimeSpan debounce) =>
        Apply(verdict, at, new CommitmentRules { Debounce = debounce });

    /// <summary>
    /// Applies a verdict. A verdict that would move the commitment must hold for the rules' debounce before it
    /// does (entering and leaving alike); the move is recorded at the instant the debounce ran out, not at the
    /// (possibly later) evaluation that noticed it, so a restart in the middle of a debounce does not delay it.
    /// A flapping clause only moves to worse states until its verdict has held for the flapping window.
    /// </summary>
    public IReadOnlyList<CommitmentTransition> Apply(Verdict verdict, DateTimeOffset at, CommitmentRules rules)
    {
        if (Snapshot.IsClosed) return [];
        var moves = new List<CommitmentTransition>(ExpireWaiverIfDue(at));
        Track(verdict, at);
        if (Snapshot.State == CommitmentState.Waived) return moves;

        var trigger = TriggerFor(rules.MissIsFinal && Snapshot.Missed ? Verdict.Breached : verdict);
        var destination = CommitmentGraph.Destinations[(Snapshot.State, trigger)];
        if (Snapshot.FlappingSince is not null)
        {
            if (at - Snapshot.LastVerdictSince >= Max(rules.Flapping.Within, rules.Debounce))
            {
                Snapshot = Snapshot with { FlappingSince = null, RecentChanges = RecentChanges.None, PendingTrigger = null, PendingSince = null };
                moves.AddRange(Move(trigger, at, rules));
                return moves;
            }
            if (CommitmentGraph.Severity(destination) < CommitmentGraph.Severity(Snapshot.State)) destination = Snapshot.State;
        }
        if (destination == Snapshot.State)
        {
            Snapshot = Snapshot with { PendingTrigger = null, PendingSince = null };
            return moves;
        }
        if (rules.Debounce <= TimeSpan.Zero)
        {
            moves.AddRange(Move(trigger, at, rules));
            return moves;
        }
        if (Snapshot.PendingTrigger != trigger || Snapshot.PendingSince is not { } since)
        {
            Snapshot = Snapshot with { PendingTrigger = trigger, PendingSince = at };
            return moves;
        }
        if (at - since < rules.Debounce) return moves;
        Snapshot = Snapshot with { PendingTrigger = null, PendingSince = null };
        moves.AddRange(Move(trigger, since + rules.Debounce, rules));
        return moves;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Track(Verdict verdict, DateTimeOffset at)
    {
        if (Snapshot.LastVerdict != verdict) Snapshot = Snapshot with { LastVerdict = verdict, LastVerdictSince = at };
    }

    /// <summary>Fires a verdict's move and counts it toward flapping; a breached period clause is missed for good.</summary>
    private IReadOnlyList<CommitmentTransition> Move(CommitmentTrigger trigger, DateTimeOffset at, CommitmentRules rules)
    {
        var moves = Fire(trigger, at);
        if (moves.Count == 0) return moves;
        var changes = Snapshot.RecentChanges.Add(at, rules.Flapping.Within);
        var startsFlapping = Snapshot.FlappingSince is null && changes.Count > rules.Flapping.MaxChanges;
        Snapshot = Snapshot with
        {
            RecentChanges = changes,
            FlappingSince = startsFlapping ? at : Snapshot.FlappingSince,
            Missed = Snapshot.Missed || (rules.MissIsFinal && Snapshot.InBreach),
        };
        return moves;
    }

    private static CommitmentTrigger TriggerFor(Verdict verdict) => verdict switch
    {
        Verdict.Met => CommitmentTrigger.EvaluatedMet,
        Verdict.AtRisk => CommitmentTrigger.EvaluatedAtRisk,
        Verdict.Breached => CommitmentTrigger.EvaluatedBreached,
        _ => CommitmentTrigger.EvaluatedIndeterminate,
    };

    /// <summary>
    /// Escalates one level when the breach has gone unacknowledged for the policy's delay at its level; a snooze
    /// holds it back until the instant it names.
    /// </summary>
    public IReadOnlyList<CommitmentTransition> EscalateIfDue(EscalationSchedule schedule, DateTimeOffset at)
    {
        if (Snapshot.SnoozedUntil is { } snoozed && at < snoozed) return [];
        return schedule.EscalationDue(Snapshot, at) ? Fire(CommitmentTrigger.EscalationDue, at) : [];
    }

    /// <summary>As <see cref="EscalateIfDue(EscalationSchedule, DateTimeOffset)"/>, with the policy measured in UTC.</summary>
    public IReadOnlyList<CommitmentTransition> EscalateIfDue(EscalationPolicy policy, DateTimeOffset at) =>
        EscalateIfDue(EscalationSchedule.Utc(policy), at);

    /// <summary>Ends a waiver whose expiry has passed: the clause returns to the state it was waived from.</summary>
    public IReadOnlyList<CommitmentTransition> ExpireWaiverIfDue(DateTimeOffset at) =>
        Snapshot is { State: CommitmentState.Waived, WaivedUntil: { } until } && at >= until ? Fire(CommitmentTrigger.WaiverExpired, at) : [];

    public IReadOnlyList<CommitmentTransition> Acknowledge(DateTimeOffset at) => Fire(CommitmentTrigger.Acknowledge, at);

    /// <summary>Why a person's action cannot apply to the clause as it stands, or null when it can.</summary>
    public string? Refusal(OperatorAction action, DateTimeOffset at) => action.Kind switch
    {
        _ when Snapshot.IsClosed => $"the clause's period is closed ({Snapshot.State})",
        OperatorActionKind.Acknowledge when Snapshot.State is not (CommitmentState.Breached or CommitmentState.Escalated) =>
            $"there is no unacknowledged breach to acknowledge (the clause is {Snapshot.State})",
        OperatorActionKind.Snooze or OperatorActionKind.Waive when action.Until is not { } until || until <= at =>
            $"a {action.Kind.ToString().ToLowerInvariant()} needs an end in the future (--until)",
        _ => null,
    };

    /// <summary>Applies a person's action that <see cref="Refusal"/> allows.</summary>
    public IReadOnlyList<CommitmentTransition> Perform(OperatorAction action, DateTimeOffset at)
    {
        if (Refusal(action, at) is { } refusal) throw new InvalidOperationException(refusal);
        switch (action.Kind)
        {
            case OperatorActionKind.Acknowledge:
                return Acknowledge(at);
            case OperatorActionKind.Snooze:
                Snapshot = Snapshot with { SnoozedUntil = action.Until };
                return [];
            default:
                if (Snapshot.State == CommitmentState.Waived)
                {
                    Snapshot = Snapshot with { WaivedUntil = action.Until };
                    return [];
                }
                Snapshot = Snapshot with { WaivedFrom = Snapshot.State, WaivedUntil = action.Until, PendingTrigger = null, PendingSince = null };
                return Fire(CommitmentTrigger.Waive, at);
        }
    }

    /// <summary>Closes a period clause with its final verdict; a clause missed during the period closes as missed.</summary>
    public IReadOnlyList<CommitmentTransition> ClosePeriod(bool met, DateTimeOffset at) =>
        Fire(met && !Snapshot.Missed ? CommitmentTrigger.PeriodEndedMet : CommitmentTrigger.PeriodEndedMissed, at);

    private IReadOnlyList<CommitmentTransition> Fire(CommitmentTrigger trigger, DateTimeOffset at)
    {
        fired.Clear();
        now = at;
        firing = trigger;
        if (machine.CanFire(trigger)) machine.Fire(trigger);
        return [.. fired.Select(t => new CommitmentTransition(t.Source, t.Destination, t.Trigger, at, Snapshot.EpisodeNumber, Snapshot.EscalationLevel))];
    }

    private void SetState(CommitmentState next)
    {
        var previous = Snapshot;
        // Returning from a waiver continues the episode it interrupted (same ticket), with a fresh escalation clock.
        var restores = firing == CommitmentTrigger.WaiverExpired;
        var startsEpisode = next == CommitmentState.Breached && !previous.InBreach && !restores;
        var escalates = firing == CommitmentTrigger.EscalationDue;
        var waived = next == CommitmentState.Waived;
        Snapshot = previous with
        {
            State = next,
            Since = now,
            EpisodeNumber = startsEpisode ? previous.EpisodeNumber + 1 : previous.EpisodeNumber,
            EscalationLevel = startsEpisode ? 0 : escalates ? previous.EscalationLevel + 1 : previous.EscalationLevel,
            LastEscalationAt = startsEpisode || escalates || restores ? now : previous.LastEscalationAt,
            WaivedFrom = waived ? previous.WaivedFrom : null,
            WaivedUntil = waived ? previous.WaivedUntil : null,
        };
    }

    /// <summary>The state graph of the real machine, for docs (<c>valueguard states</c>).</summary>
    public static string ToMermaid() => CommitmentGraph.ToMermaid();

    /// <summary>The state graph in Graphviz dot.</summary>
    public static string ToDot() => CommitmentGraph.ToDot();
}
