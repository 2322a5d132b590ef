using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class EscalationPolicyEvaluationTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    private static readonly EscalationPolicy Policy = new("standard",
    [
        new(TimeSpan.Zero, [OwnerRole.Delivery, OwnerRole.CustomerSuccess], ["desk"], "high"),
        new(TimeSpan.FromHours(4), [OwnerRole.SalesManager], ["desk", "files"], "urgent"),
    ])
    {
        RemindEvery = TimeSpan.FromHours(1),
    };

    private static SiteModel SiteWithPolicy(TempDirectory dir)
    {
        var site = ExampleSite.In(dir);
        var desk = site.Site.TicketSinks[0] with { Name = "desk", Path = dir.File("desk") };
        return site with { Site = site.Site with { Escalation = Policy, TicketSinks = [.. site.Site.TicketSinks, desk] } };
    }

    [Fact]
    public async Task The_policy_routes_each_action_to_its_levels_sinks_with_one_reminder_per_interval()
    {
        using var dir = new TempDirectory();
        using var runtime = new GatewayRuntime(SiteWithPolicy(dir), new ManualClock(GoLive), NullLoggerFactory.Instance);
        // The press runs for 20 h, then stops for good: breached from then on, never acknowledged.
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 36 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i < 20 * 12 ? 1 : 0))], default);

        // Every 15 minutes for 36 h: reminders must not repeat within an interval.
        for (var m = 15; m <= 36 * 60; m += 15) await runtime.Evaluator.EvaluateAsync(GoLive.AddMinutes(m), default);

        var press = (await runtime.Outbox.AllAsync(default)).Where(e => e.Action.Episode.ClauseId == "press-availability").ToList();
        var open = Assert.Single(press, e => e.Action.Kind == EscalationActionKind.Open);
        Assert.Equal(("desk", "high", "delivery-team-3"), (open.Sink, open.Action.Content.Priority, open.Action.Content.Assignee));
        var escalations = press.Where(e => e.Action.Kind == EscalationActionKind.Escalate).ToList();
        Assert.Equal(["desk", "files"], escalations.Select(e => e.Sink).Order());
        Assert.All(escalations, e => Assert.Equal(("urgent", "sales-east"), (e.Action.Content.Priority, e.Action.Content.Assignee)));
        var reminders = press.Where(e => e.Action.Kind == EscalationActionKind.Remind).ToList();
        Assert.Equal(reminders.Count, reminders.Select(e => (e.Sink, e.Action.IdempotencyKey)).Distinct().Count());
        // Level 0: reminders 1..3 before the escalation at 4 h, to desk only.
        Assert.Equal([1, 2, 3], reminders.Where(e => e.Action.Level == 0).Select(e => e.Action.Reminder));
        Assert.All(reminders.Where(e => e.Action.Level == 0), e => Assert.Equal("desk", e.Sink));
        var spread = reminders.Where(e => e.Action.Level == 1).GroupBy(e => e.Action.Reminder).ToList();
        Assert.NotEmpty(spread);
        Assert.All(spread, g => Assert.Equal(["desk", "files"], g.Select(e => e.Sink).Order()));
    }
}
