using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Core.Tests.Escalation;

public class EscalationPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 0, 0, 0, TimeSpan.Zero);
    private static readonly ContractOwners Owners = new("sales-east", "delivery-team-3", "cs-east");
    private static readonly string[] Sinks = ["redmine", "mail", "slack"];

    private static readonly EscalationSchedule Schedule = EscalationSchedule.Utc(new EscalationPolicy("standard",
    [
        new(TimeSpan.Zero, [OwnerRole.Delivery, OwnerRole.CustomerSuccess], ["redmine"], "high"),
        new(TimeSpan.FromHours(4), [OwnerRole.SalesManager, OwnerRole.Delivery], ["redmine", "mail"], "urgent"),
    ]));

    [Fact]
    public void A_breach_opens_a_ticket_for_delivery_with_customer_success_watching_on_the_first_levels_sinks()
    {
        var plan = EscalationPlanner.Plan(new CommitmentTransition(CommitmentState.AtRisk, CommitmentState.Breached, CommitmentTrigger.EvaluatedBreached, T0, 1, 0), Schedule, Owners, Sinks);

        Assert.NotNull(plan);
        Assert.Equal((EscalationActionKind.Open, "high", "delivery-team-3"), (plan.Kind, plan.Priority, plan.Assignee));
        Assert.Equal(["cs-east"], plan.Watchers);
        Assert.Equal(["redmine"], plan.Sinks);
    }

    [Fact]
    public void Escalation_goes_to_the_sales_manager_with_raised_priority()
    {
        var plan = EscalationPlanner.Plan(EscalationActionKind.Escalate, 1, T0.AddHours(4), Schedule, Owners, Sinks);

        Assert.Equal(("urgent", "sales-east"), (plan.Priority, plan.Assignee));
        Assert.Equal(["delivery-team-3"], plan.Watchers);
        Assert.Equal(["redmine", "mail"], plan.Sinks);
    }

    [Fact]
    public void Recovery_reaches_every_sink_that_heard_of_the_episode_and_only_those()
    {
        var atLevel0 = EscalationPlanner.Plan(EscalationActionKind.Resolve, 0, T0, Schedule, Owners, Sinks);
        var atLevel1 = EscalationPlanner.Plan(EscalationActionKind.Resolve, 1, T0, Schedule, Owners, Sinks);

        Assert.Equal(["redmine"], atLevel0.Sinks);
        Assert.Equal(["redmine", "mail"], atLevel1.Sinks);
        Assert.Equal("normal", atLevel1.Priority);
    }

    [Fact]
    public void A_role_the_contract_does_not_name_is_skipped()
    {
        var plan = EscalationPlanner.Plan(EscalationActionKind.Escalate, 1, T0, Schedule, new ContractOwners(null, "delivery-team-3", null), Sinks);

        Assert.Equal("delivery-team-3", plan.Assignee);
        Assert.Empty(plan.Watchers);
    }

    [Fact]
    public void A_level_without_sinks_goes_to_every_configured_sink_and_unknown_sinks_are_dropped()
    {
        var schedule = EscalationSchedule.Utc(new EscalationPolicy("p", [new(TimeSpan.Zero, [OwnerRole.Delivery], [], "high")]));

        Assert.Equal(Sinks, EscalationPlanner.Plan(EscalationActionKind.Open, 0, T0, schedule, Owners, Sinks).Sinks);
        Assert.Equal(["redmine"], EscalationPlanner.Plan(EscalationActionKind.Open, 0, T0, Schedule, Owners, ["redmine"]).Sinks);
    }

    [Fact]
    public void Reminder_keys_differ_by_level_and_number_so_each_is_sent_once()
    {
        var episode = new BreachEpisodeId("C", "k", 1);
        var content = new TicketContent("c", "C", "k", "t", ">= 1", "0", "100 %", "w", "Breached", "high", null, "h");
        var first = new EscalationAction(episode, EscalationActionKind.Remind, 0, T0, content) { Reminder = 1 };

        Assert.Equal("C/k/1#remind-0-1", first.IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, (first with { Reminder = 2 }).IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, (first with { Level = 1 }).IdempotencyKey);
    }
    [Fact]
    public void A_persons_acknowledgement_of_an_escalated_breach_reaches_every_sink_that_heard_of_the_episode_at_once()
    {
        var ack = new CommitmentTransition(CommitmentState.Escalated, CommitmentState.Acknowledged, CommitmentTrigger.Acknowledge, T0.AddHours(5), 1, 1);
        var quiet = EscalationSchedule.Utc(Schedule.Policy with { QuietHours = new QuietHours(new NodaTime.LocalTime(0, 0), new NodaTime.LocalTime(8, 0)) });

        var plan = EscalationPlanner.Plan(ack, quiet, Owners, Sinks);

        Assert.NotNull(plan);
        Assert.Equal(EscalationActionKind.Acknowledge, plan.Kind);
        Assert.Equal(["redmine", "mail"], plan.Sinks);
        Assert.Equal(ack.At, plan.NotBefore); // it pages nobody: quiet hours do not hold it
    }

    [Fact]
    public void Only_an_acknowledgement_within_a_breach_episode_calls_for_an_acknowledge_action()
    {
        Assert.Equal(EscalationActionKind.Acknowledge, EscalationPlanner.ActionFor(
            new CommitmentTransition(CommitmentState.Breached, CommitmentState.Acknowledged, CommitmentTrigger.Acknowledge, T0, 2, 0)));
        // The end of a waiver that interrupted an acknowledged breach returns to it: nothing new to tell.
        Assert.Null(EscalationPlanner.ActionFor(
            new CommitmentTransition(CommitmentState.Waived, CommitmentState.Acknowledged, CommitmentTrigger.WaiverExpired, T0, 2, 0)));
        Assert.Null(EscalationPlanner.ActionFor(
            new CommitmentTransition(CommitmentState.Breached, CommitmentState.Acknowledged, CommitmentTrigger.Acknowledge, T0, 0, 0)));
    }

    [Fact]
    public void The_acknowledge_key_is_the_episode_and_the_action()
    {
        var content = new TicketContent("c", "C", "k", "t", ">= 1", "0", "100 %", "w", "Acknowledged", "high", null, "h");
        var ack = new EscalationAction(new BreachEpisodeId("C", "k", 3), EscalationActionKind.Acknowledge, 1, T0, content) { Actor = "li.wei" };

        Assert.Equal("C/k/3#acknowledge-1", ack.IdempotencyKey);
    }
}
