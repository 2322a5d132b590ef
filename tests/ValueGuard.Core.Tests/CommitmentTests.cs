using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Core.Tests;

public class CommitmentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EscalationPolicy Policy = EscalationPolicy.Uniform("test", TimeSpan.FromHours(4), 2);

    [Fact]
    public void A_breach_escalates_while_unacknowledged_and_recovers_when_the_target_holds()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        var states = new List<CommitmentState>();
        void Record(IReadOnlyList<CommitmentTransition> ts) => states.AddRange(ts.Select(t => t.To));

        Record(c.Apply(Verdict.Met, T0));
        Record(c.Apply(Verdict.AtRisk, T0.AddHours(1)));
        Record(c.Apply(Verdict.Breached, T0.AddHours(2)));
        Record(c.EscalateIfDue(Policy, T0.AddHours(5)));  // 3 h: not yet
        Record(c.EscalateIfDue(Policy, T0.AddHours(6)));  // level 1
        Record(c.EscalateIfDue(Policy, T0.AddHours(10))); // level 2
        Record(c.EscalateIfDue(Policy, T0.AddHours(20))); // at max level
        Record(c.Apply(Verdict.Met, T0.AddHours(21)));
        Record(c.Apply(Verdict.Met, T0.AddHours(22)));

        Assert.Equal(
            [CommitmentState.Compliant, CommitmentState.AtRisk, CommitmentState.Breached, CommitmentState.Escalated,
             CommitmentState.Escalated, CommitmentState.Recovered, CommitmentState.Compliant],
            states);
        Assert.Equal(1, c.Snapshot.EpisodeNumber);
    }

    [Fact]
    public void Escalation_records_the_level_it_reached()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Breached, T0);

        var first = Assert.Single(c.EscalateIfDue(Policy, T0.AddHours(4)));
        var second = Assert.Single(c.EscalateIfDue(Policy, T0.AddHours(8)));

        Assert.Equal(1, first.EscalationLevel);
        Assert.Equal(2, second.EscalationLevel);
    }

    [Fact]
    public void Acknowledged_breach_does_not_escalate()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Breached, T0);
        var ack = c.Acknowledge(T0.AddHours(1));

        Assert.Equal(CommitmentState.Acknowledged, Assert.Single(ack).To);
        Assert.Empty(c.EscalateIfDue(Policy, T0.AddHours(10)));
    }

    [Fact]
    public void Each_new_breach_after_recovery_is_a_new_episode()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Breached, T0);
        c.Apply(Verdict.Met, T0.AddHours(1));
        c.Apply(Verdict.Breached, T0.AddHours(2));

        Assert.Equal(2, c.Snapshot.EpisodeNumber);
    }

    [Fact]
    public void Losing_data_during_a_breach_does_not_end_it()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Breached, T0);

        Assert.Empty(c.Apply(Verdict.Indeterminate, T0.AddHours(1)));
        Assert.Equal(CommitmentState.Breached, c.Snapshot.State);
    }

    [Fact]
    public void Low_coverage_moves_a_compliant_clause_to_indeterminate()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Met, T0);

        Assert.Equal(CommitmentState.Indeterminate, Assert.Single(c.Apply(Verdict.Indeterminate, T0.AddHours(1))).To);
    }

    [Fact]
    public void A_closed_period_ignores_later_verdicts()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Breached, T0);
        c.ClosePeriod(met: false, T0.AddDays(30));

        Assert.Empty(c.Apply(Verdict.Met, T0.AddDays(31)));
        Assert.Equal(CommitmentState.ClosedMissed, c.Snapshot.State);
    }

    [Fact]
    public void State_graph_export_names_every_state_it_can_reach()
    {
        var mermaid = Commitment.ToMermaid();

        foreach (var state in Enum.GetValues<CommitmentState>())
            Assert.Contains(state.ToString(), mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void State_graph_export_leaves_out_ignored_triggers_but_keeps_real_loops_and_the_waiver_return()
    {
        var mermaid = Commitment.ToMermaid();
        var dot = Commitment.ToDot();

        Assert.DoesNotContain("Scheduled --> Scheduled", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Scheduled\" -> \"Scheduled\"", dot, StringComparison.Ordinal);
        Assert.Contains("Escalated --> Escalated : EscalationDue", mermaid, StringComparison.Ordinal);
        Assert.Contains("--> Breached : WaiverExpired [waived from Breached]", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Entering_and_leaving_a_breach_each_wait_for_the_debounce_and_are_recorded_when_it_ran_out()
    {
        var debounce = TimeSpan.FromMinutes(10);
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Met, T0);

        Assert.Empty(c.Apply(Verdict.Breached, T0.AddMinutes(1), debounce));
        Assert.Empty(c.Apply(Verdict.Breached, T0.AddMinutes(6), debounce));
        var breach = Assert.Single(c.Apply(Verdict.Breached, T0.AddMinutes(25), debounce));
        Assert.Equal((CommitmentState.Breached, T0.AddMinutes(11)), (breach.To, breach.At));

        Assert.Empty(c.Apply(Verdict.Met, T0.AddMinutes(30), debounce));
        Assert.Empty(c.Apply(Verdict.Breached, T0.AddMinutes(35), debounce)); // not held: the recovery starts over
        Assert.Empty(c.Apply(Verdict.Met, T0.AddMinutes(36), debounce));
        var recovery = Assert.Single(c.Apply(Verdict.Met, T0.AddMinutes(46), debounce));
        Assert.Equal((CommitmentState.Recovered, T0.AddMinutes(46)), (recovery.To, recovery.At));
        Assert.Equal(1, c.Snapshot.EpisodeNumber);
    }

    [Fact]
    public void A_pending_move_survives_in_the_snapshot()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Met, T0);
        c.Apply(Verdict.Breached, T0.AddMinutes(1), TimeSpan.FromMinutes(10));

        var restarted = new Commitment(c.Snapshot);
        var breach = Assert.Single(restarted.Apply(Verdict.Breached, T0.AddHours(1), TimeSpan.FromMinutes(10)));

        Assert.Equal(T0.AddMinutes(11), breach.At);
    }

    [Fact]
    public void A_verdict_that_keeps_the_state_clears_a_pending_move()
    {
        var c = new Commitment(CommitmentSnapshot.Initial(T0));
        c.Apply(Verdict.Met, T0);
        c.Apply(Verdict.AtRisk, T0.AddMinutes(1), TimeSpan.FromMinutes(10));
        c.Apply(Verdict.Met, T0.AddMinutes(2), TimeSpan.FromMinutes(10));

        Assert.Null(c.Snapshot.PendingTrigger);
        Assert.Empty(c.Apply(Verdict.AtRisk, T0.AddMinutes(12), TimeSpan.FromMinutes(10)));
    }
}
