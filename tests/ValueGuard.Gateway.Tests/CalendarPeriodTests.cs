using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class CalendarPeriodTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    private static Configuration.Sites.SiteModel SiteWithDailyClause(TempDirectory dir)
    {
        var site = ExampleSite.In(dir);
        var contract = ContractLoader.Load("daily.yaml", """
            contract: DAILY
            customer: ACME
            timezone: UTC
            go_live: 2026-03-01T00:00:00Z
            clauses:
              - { id: press-daily, text: t, kpi: { kind: availability, signal: press-07/running }, window: { calendar: day }, target: ">= 90%" }
            """, site.Catalog);
        Assert.Empty(contract.Errors);
        return site with { Contracts = [contract.Value!] };
    }

    [Fact]
    public async Task Each_finished_day_closes_with_its_own_verdict_and_the_next_day_starts_afresh()
    {
        using var dir = new TempDirectory();
        var site = SiteWithDailyClause(dir);
        using var runtime = new GatewayRuntime(site, new ManualClock(Day0), NullLoggerFactory.Instance);
        // Day 1 up all day; day 2 down from 06:00 to 12:00 (75 % up); day 3 up.
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 3 * 24 * 12).Select(i => new Sample(Running, Day0.AddMinutes(5 * i), i is >= 24 * 12 + 6 * 12 and < 24 * 12 + 12 * 12 ? 0 : 1))], default);

        await runtime.Evaluator.RecordContractsAsync(Day0, default);
        for (var h = 1; h < 3 * 24; h++) await runtime.Evaluator.EvaluateAsync(Day0.AddHours(h).AddMinutes(20), default);
        var ledger = await File.ReadAllLinesAsync(runtime.Paths.Ledger);
        var closed = ledger.Where(l => l.Contains("\"to\":\"ClosedMet\"", StringComparison.Ordinal) || l.Contains("\"to\":\"ClosedMissed\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, closed.Count);
        Assert.Contains("ClosedMet", closed[0]);
        Assert.Contains("\"window_from\":\"2026-03-01T00:00:00+00:00\"", closed[0]);
        Assert.Contains("\"window_to\":\"2026-03-02T00:00:00+00:00\"", closed[0]);
        Assert.Contains("ClosedMissed", closed[1]);
        Assert.Contains("\"window_to\":\"2026-03-03T00:00:00+00:00\"", closed[1]);
        var status = Assert.Single(runtime.Evaluator.Statuses);
        Assert.Equal(CommitmentState.Compliant, status.Snapshot.State);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), status.Snapshot.PeriodFrom);
        var check = await LedgerReevaluation.RunAsync(runtime.Paths.Ledger, site, runtime.Store, default);
        Assert.True(check.AllMatch, check.Problem);
        Assert.True(check.Checked >= 4);
    }
}
