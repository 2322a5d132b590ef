using ValueGuard.Core.Escalation;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Verdicts;
using ValueGuard.Testing;
using S = ValueGuard.Core.Commitments.CommitmentState;
using V = ValueGuard.Core.Verdicts.Verdict;

namespace ValueGuard.Core.Tests;

/// <summary>
/// Scripted verdict sequences on a manual clock, asserting the exact states a commitment passes through and
/// when: debounce on entry and exit, flapping, acknowledge, snooze, waive, indeterminate, period closing.
/// </summary>
public class CommitmentLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EscalationPolicy Policy = EscalationPolicy.Uniform("test", TimeSpan.FromHours(4), 2);

    /// <summary>Evaluates one verdict per minute (the clock advancing a minute each time) and collects every move as (minute, state).</summary>
    private sealed class Script(CommitmentRules rules)
    {
        public ManualClock Clock { get; } = new(T0);

        public Commitment Commitment { get; } = new(CommitmentSnapshot.Initial(T0));

        public List<(int Minute, CommitmentState State)> Moves { get; } = [];

        public Script Run(params Verdict[] verdicts)
        {
            foreach (var v in verdicts)
            {
                Record(Commitment.Apply(v, Clock.GetUtcNow(), rules));
                Record(Commitment.EscalateIfDue(Policy, Clock.GetUtcNow()));
                Clock.Advance(TimeSpan.FromMinutes(1));
            }
            return this;
        }

        public Script Hold(Verdict verdict, int minutes) => Run([.. Enumerable.Repeat(verdict, minutes)]);

        public void Record(IReadOnlyList<CommitmentTransition> moves) =>
            Moves.AddRange(moves.Select(t => ((int)(t.At - T0).TotalMinutes, t.To)));

        public OperatorAction Action(OperatorActionKind kind, TimeSpan? until = null) =>
            new(kind, "C-1", "k", "alice", "on it", until is { } u ? Clock.GetUtcNow() + u : null, Clock.GetUtcNow());
    }

    private static CommitmentRules Debounced(int minutes) => new() { Debounce = TimeSpan.FromMinutes(minutes) };

    [Fact]
    public void Entering_and_leaving_each_state_wait_out_the_debounce()
    {
        var s = new Script(Debounced(3))
            .Hold(V.Met, 4)          // 0..3: Compliant at 3
            .Run(V.AtRisk, V.Met)      // 4, 5: a blip shorter than the debounce moves nothing
            .Hold(V.AtRisk, 4)       // 6..9: AtRisk at 9
            .Hold(V.Breached, 4)     // 10..13: Breached at 13
            .Run(V.Met, V.Met, V.Breached) // 14..16: leaving needs the debounce too
            .Hold(V.Met, 4)          // 17..20: Recovered at 20
            .Hold(V.Met, 4);         // 21..24: Compliant at 24

        Assert.Equal([(3, S.Compliant), (9, S.AtRisk), (13, S.Breached), (20, S.Recovered), (24, S.Compliant)], s.Moves);
        Assert.Equal(1, s.Commitment.Snapshot.EpisodeNumber);
    }

    [Fact]
    public void Low_coverage_enters_and_leaves_indeterminate_after_the_debounce()
    {
        var s = new Script(Debounced(2)).Hold(V.Met, 3).Hold(V.Indeterminate, 3).Hold(V.Met, 3);

        Assert.Equal([(2, S.Compliant), (5, S.Indeterminate), (8, S.Compliant)], s.Moves);
    }

    [Fact]
    public void Flapping_is_detected_once_and_holds_the_worse_state_until_the_verdict_is_stable()
    {
        var rules = new CommitmentRules { Flapping = new FlappingRule(3, TimeSpan.FromMinutes(30)) };
        var s = new Script(rules).Run(V.Met, V.AtRisk, V.Met, V.AtRisk);
        Assert.Equal(T0.AddMinutes(3), s.Commitment.Snapshot.FlappingSince);

        s.Hold(V.Met, 10);         // 4..13: held in AtRisk
        s.Run(V.Breached);         // 14: worse moves still happen
        s.Hold(V.Met, 31);         // 15..45: stable for 30 min at 45

        Assert.Equal([(0, S.Compliant), (1, S.AtRisk), (2, S.Compliant), (3, S.AtRisk), (14, S.Breached), (45, S.Recovered)], s.Moves);
        Assert.False(s.Commitment.Snapshot.IsFlapping);
    }

    [Fact]
    public void An_acknowledged_breach_stops_escalating_and_still_recovers()
    {
        var s = new Script(CommitmentRules.Immediate).Hold(V.Breached, 240);
        s.Record(s.Commitment.Perform(s.Action(OperatorActionKind.Acknowledge), s.Clock.GetUtcNow()));
        s.Hold(V.Breached, 600).Run(V.Met);

        Assert.Equal([(0, S.Breached), (240, S.Acknowledged), (840, S.Recovered)], s.Moves);
    }

    [Fact]
    public void A_snooze_holds_escalation_back_until_its_end()
    {
        var s = new Script(CommitmentRules.Immediate).Run(V.Breached);
        s.Record(s.Commitment.Perform(s.Action(OperatorActionKind.Snooze, TimeSpan.FromHours(6)), s.Clock.GetUtcNow()));
        s.Hold(V.Breached, 7 * 60);

        // Due after 4 h, snoozed until 6 h 1 min (the snooze was given at minute 1).
        Assert.Equal([(0, S.Breached), (361, S.Escalated)], s.Moves);
    }

    [Fact]
    public void A_waiver_ignores_verdicts_until_it_expires_then_the_episode_goes_on()
    {
        var s = new Script(CommitmentRules.Immediate).Run(V.Met, V.Breached);
        s.Record(s.Commitment.Perform(s.Action(OperatorActionKind.Waive, TimeSpan.FromMinutes(30)), s.Clock.GetUtcNow()));
        s.Hold(V.Met, 10).Hold(V.Breached, 30).Run(V.Met);

        // Waived at 2 until 32; expiry returns to Breached (same episode), then the Met verdict at 42 recovers it.
        Assert.Equal([(0, S.Compliant), (1, S.Breached), (2, S.Waived), (32, S.Breached), (42, S.Recovered)], s.Moves);
        Assert.Equal(1, s.Commitment.Snapshot.EpisodeNumber);
    }

    [Fact]
    public void Acknowledging_a_clause_that_is_not_breached_and_waiving_without_an_end_are_refused()
    {
        var s = new Script(CommitmentRules.Immediate).Run(V.Met);

        Assert.Contains("no unacknowledged breach", s.Commitment.Refusal(s.Action(OperatorActionKind.Acknowledge), s.Clock.GetUtcNow()));
        Assert.Contains("--until", s.Commitment.Refusal(s.Action(OperatorActionKind.Waive), s.Clock.GetUtcNow()));
        Assert.Null(s.Commitment.Refusal(s.Action(OperatorActionKind.Waive, TimeSpan.FromHours(1)), s.Clock.GetUtcNow()));
    }

    [Fact]
    public void A_period_clause_missed_once_stays_missed_and_closes_missed()
    {
        var s = new Script(new CommitmentRules { MissIsFinal = true }).Run(V.Met, V.Breached).Hold(V.Met, 5);
        s.Record(s.Commitment.ClosePeriod(met: true, s.Clock.GetUtcNow()));

        Assert.Equal([(0, S.Compliant), (1, S.Breached), (7, S.ClosedMissed)], s.Moves);
    }

    [Fact]
    public void A_period_clause_met_throughout_closes_met()
    {
        var s = new Script(new CommitmentRules { MissIsFinal = true }).Run(V.Met, V.AtRisk, V.Met);
        s.Record(s.Commitment.ClosePeriod(met: true, s.Clock.GetUtcNow()));

        Assert.Equal([(0, S.Compliant), (1, S.AtRisk), (2, S.Compliant), (3, S.ClosedMet)], s.Moves);
    }

    [Fact]
    public void A_rolling_clause_recovers_after_a_breach()
    {
        var s = new Script(CommitmentRules.Immediate).Run(V.Met, V.Breached, V.Met, V.Met);

        Assert.Equal([(0, S.Compliant), (1, S.Breached), (2, S.Recovered), (3, S.Compliant)], s.Moves);
    }
}
