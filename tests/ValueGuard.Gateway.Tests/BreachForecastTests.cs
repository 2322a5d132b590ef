using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Verdicts;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Memory;

namespace ValueGuard.Gateway.Tests;

public class BreachForecastTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalCatalog Catalog = new([
        new SignalSpec(Ok, SignalKind.Counter, TimeSpan.FromMinutes(5)), new SignalSpec(Total, SignalKind.Counter, TimeSpan.FromMinutes(5)),
        new SignalSpec(Running, SignalKind.Bool, TimeSpan.FromMinutes(10))]);

    private static Core.Contracts.Contract Contract(string clause) => ContractLoader.Load("c.yaml", $"""
        contract: C-1
        customer: ACME
        timezone: UTC
        go_live: 2026-03-01T00:00:00Z
        clauses:
          - {clause}
        """, Catalog).Value!;

    [Fact]
    public async Task A_fresh_burst_of_failures_puts_a_rolling_clause_at_risk_before_it_breaches()
    {
        // Seven days of API calls, 100 every 10 s, all good except half of them in the last 20 minutes.
        var end = GoLive.AddDays(7);
        var samples = new List<Sample>();
        double ok = 0, total = 0;
        for (var t = GoLive; t <= end; t = t.AddSeconds(10))
        {
            total += 100;
            ok += t > end.AddMinutes(-20) ? 50 : 100;
            samples.Add(new Sample(Ok, t, ok));
            samples.Add(new Sample(Total, t, total));
        }
        var store = new InMemoryTimeSeriesStore();
        await store.WriteAsync(samples, default);
        var contract = Contract("""{ id: api, text: t, kpi: { kind: ratio, good: mes-gw/api_ok, total: mes-gw/api_total }, window: { rolling: 7d }, target: ">= 99.5%" }""");

        var c = await new ClauseCalculator(store, Catalog).CalculateAsync(contract, contract.Clauses[0], end, default);

        Assert.True(c.Result!.Value > 0.995, "the 7-day share still meets the target");
        Assert.Equal(Verdict.AtRisk, c.Verdict);
        Assert.Contains("burns", c.Forecast);
    }

    [Fact]
    public async Task Downtime_that_will_use_up_the_allowance_before_the_period_ends_is_at_risk()
    {
        // 100 min down within the first 50 days of a 90-day, 2 h allowance: 3 h projected; used up on day 60.
        var store = new InMemoryTimeSeriesStore();
        await store.WriteAsync([.. Enumerable.Range(0, 50 * 24 * 6).Select(i => new Sample(Running, GoLive.AddMinutes(10 * i), i is >= 100 and < 110 ? 0 : 1))], default);
        var contract = Contract("""{ id: dt, text: t, kpi: { kind: downtime, signal: press-07/running }, window: { period: { from: go_live, length: 90d } }, target: "<= 2h" }""");

        var c = await new ClauseCalculator(store, Catalog).CalculateAsync(contract, contract.Clauses[0], GoLive.AddDays(50), default);

        Assert.Equal(TimeSpan.FromMinutes(100).TotalSeconds, c.Result!.Value, 6);
        Assert.Equal(Verdict.AtRisk, c.Verdict);
        Assert.Contains("used up on day 60 of 90", c.Forecast);
    }
}
