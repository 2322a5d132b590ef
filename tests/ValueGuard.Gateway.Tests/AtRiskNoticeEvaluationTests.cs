using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class AtRiskNoticeEvaluationTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    /// <summary>The example site (a file sink) plus a webhook, which takes notices.</summary>
    private static SiteModel SiteWithWebhook(TempDirectory dir)
    {
        var site = ExampleSite.In(dir);
        var hook = new TicketSinkConfig("cs-hook", "webhook", dir.File("unused")) { Url = new Uri("https://crm.acme.example/hooks/vg"), SecretFile = dir.Write("hook.secret", "s3cret") };
        return site with { Site = site.Site with { TicketSinks = [.. site.Site.TicketSinks, hook] } };
    }

    /// <summary>
    /// The 30-day availability clause (target ≥ 98 %, warn below 99 %): 1.5 h down from hour 100 puts it at risk
    /// (at hour 102: 98.5 %) and it is compliant again from hour 150; 2 h down from hour 200 puts it at risk again
    /// (at hour 201: 2.5 h of 201). Evaluated every
    /// hour: two entries into AtRisk, so two notices, however many evaluations see it at risk.
    /// </summary>
    [Fact]
    public async Task Each_entry_into_at_risk_sends_one_notice_to_customer_success_on_the_notification_sinks_only()
    {
        using var dir = new TempDirectory();
        using var runtime = new GatewayRuntime(SiteWithWebhook(dir), new ManualClock(GoLive), NullLoggerFactory.Instance);
        bool Down(double h) => h is >= 100 and < 101.5 or >= 200 and < 202;
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 240 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), Down(i / 12.0) ? 0 : 1))], default);

        for (var h = 1; h <= 239; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        var entries = await runtime.Outbox.AllAsync(default);
        Assert.DoesNotContain(entries, e => e.Action.Kind is EscalationActionKind.Open);
        var notices = entries.Where(e => e.Action.Kind == EscalationActionKind.AtRisk).ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(("cs-hook", "cs-east", "AtRisk"), (n.Sink, n.Action.Content.Assignee, n.Action.Content.State)));
        Assert.Equal(2, notices.Select(n => n.Action.IdempotencyKey).Distinct().Count());
        Assert.Equal([GoLive.AddHours(102), GoLive.AddHours(201)], notices.Select(n => n.Action.At));
    }
}
