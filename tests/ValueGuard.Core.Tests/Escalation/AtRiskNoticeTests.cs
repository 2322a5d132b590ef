using NodaTime;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Core.Tests.Escalation;

public class AtRiskNoticeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContractOwners Owners = new("sales-east", "delivery-team-3", "cs-east");
    private static readonly string[] NotificationSinks = ["cs-chat", "crm-hook"];
    private static readonly EscalationSchedule Default = EscalationSchedule.Utc(EscalationPolicy.Default);

    private static CommitmentTransition Enter(CommitmentState from, DateTimeOffset? at = null) =>
        new(from, CommitmentState.AtRisk, CommitmentTrigger.EvaluatedAtRisk, at ?? T0, 0, 0);

    [Fact]
    public void Entering_at_risk_notifies_customer_success_on_every_notification_sink()
    {
        var plan = EscalationPlanner.AtRiskPlan(Enter(CommitmentState.Compliant), Default, Owners, NotificationSinks);

        Assert.NotNull(plan);
        Assert.Equal((EscalationActionKind.AtRisk, "cs-east", "normal", T0), (plan.Kind, plan.Assignee, plan.Priority, plan.NotBefore));
        Assert.Equal(NotificationSinks, plan.Sinks);
    }

    [Theory]
    [InlineData(CommitmentState.Breached)]
    [InlineData(CommitmentState.Escalated)]
    [InlineData(CommitmentState.Acknowledged)]
    public void Improving_from_a_breach_to_at_risk_is_no_new_notice(CommitmentState from)
    {
        Assert.Null(EscalationPlanner.AtRiskPlan(Enter(from), Default, Owners, NotificationSinks));
    }

    [Fact]
    public void Without_notification_sinks_or_with_the_notice_switched_off_nothing_is_sent()
    {
        Assert.Null(EscalationPlanner.AtRiskPlan(Enter(CommitmentState.Compliant), Default, Owners, []));
        var silent = EscalationSchedule.Utc(EscalationPolicy.Default with { AtRisk = new AtRiskNotice([OwnerRole.CustomerSuccess], []) });
        Assert.Null(EscalationPlanner.AtRiskPlan(Enter(CommitmentState.Compliant), silent, Owners, NotificationSinks));
    }

    [Fact]
    public void Named_sinks_are_kept_only_when_they_take_notices()
    {
        var policy = EscalationPolicy.Default with { AtRisk = new AtRiskNotice([OwnerRole.CustomerSuccess, OwnerRole.SalesManager], ["crm-hook", "redmine"]) };

        var plan = EscalationPlanner.AtRiskPlan(Enter(CommitmentState.Compliant), EscalationSchedule.Utc(policy), Owners, NotificationSinks);

        Assert.Equal(["crm-hook"], plan!.Sinks);
        Assert.Equal("cs-east", plan.Assignee);
        Assert.Equal(["sales-east"], plan.Watchers);
    }

    [Fact]
    public void A_notice_in_quiet_hours_waits_for_their_end()
    {
        var quiet = EscalationPolicy.Default with { QuietHours = new QuietHours(new LocalTime(22, 0), new LocalTime(7, 0)) };
        var night = new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero);

        var plan = EscalationPlanner.AtRiskPlan(Enter(CommitmentState.Compliant, night), EscalationSchedule.Utc(quiet), Owners, NotificationSinks);

        Assert.Equal(new DateTimeOffset(2026, 3, 15, 7, 0, 0, TimeSpan.Zero), plan!.NotBefore);
    }

    [Fact]
    public void Each_entry_into_at_risk_has_its_own_idempotency_key()
    {
        var content = new TicketContent("c", "C-1", "cl", "t", ">= 98%", "98.5%", "100 %", "w", "AtRisk", "normal", "cs-east", new string('a', 64));
        var episode = new BreachEpisodeId("C-1", "cl", 0);

        var first = new EscalationAction(episode, EscalationActionKind.AtRisk, 0, T0, content);
        var second = first with { At = T0.AddDays(2) };

        Assert.Equal("C-1/cl/0#at-risk-20260314T120000Z", first.IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
    }
}
