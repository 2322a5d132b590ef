using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class TicketContentFromSiteTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    [Fact]
    public async Task An_opened_breach_names_the_forecast_the_report_link_and_the_transitions_evidence_record()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        site = site with { Site = site.Site with { ReportsBaseUrl = new Uri("https://reports.acme.example/vg/") } };
        using var runtime = new GatewayRuntime(site, new ManualClock(GoLive), NullLoggerFactory.Instance);
        // 20 h running, then the press stops: the 30-day availability clause breaches.
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 30 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i < 20 * 12 ? 1 : 0))], default);

        for (var h = 1; h <= 30; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        var open = Assert.Single(await runtime.Outbox.AllAsync(default), e => e.Action.Kind == EscalationActionKind.Open).Action.Content;
        Assert.Equal("https://reports.acme.example/vg/ACME-2026-017/press-availability", open.ReportUrl);
        Assert.Equal("the target is still met at the period's end (2026-03-31 00:00 UTC) with at most 13h24m more downtime", open.Forecast);
        var breach = File.ReadLines(runtime.Paths.Ledger).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("kind").GetString() == "transition" && r.GetProperty("body").GetProperty("to").GetString() == "Breached");
        Assert.Equal(breach.GetProperty("hash").GetString(), open.EvidenceHash);
    }

    [Fact]
    public void Without_reports_base_url_a_ticket_has_no_link()
    {
        Assert.Null(Evaluation.TicketContentFactory.ReportUrl(null, "ACME-2026-017", "press-availability"));
        Assert.Equal("https://r.example/a/ACME%202026/c%2F1", Evaluation.TicketContentFactory.ReportUrl(new Uri("https://r.example/a/"), "ACME 2026", "c/1"));
    }
}
