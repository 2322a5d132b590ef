using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Memory;

namespace ValueGuard.Gateway.Tests;

public class IncrementalEvaluationTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");
    private static readonly SignalId CallOk = new("mes-gw", "call_ok");
    private static readonly SignalCatalog Catalog = new([
        new SignalSpec(Running, SignalKind.Bool, TimeSpan.FromMinutes(10)), new SignalSpec(Ok, SignalKind.Counter, TimeSpan.FromMinutes(5)),
        new SignalSpec(Total, SignalKind.Counter, TimeSpan.FromMinutes(5)), new SignalSpec(CallOk, SignalKind.Bool, TimeSpan.FromMinutes(5))]);

    private static readonly Core.Contracts.Contract Contract = ContractLoader.Load("c.yaml", """
        contract: C-1
        customer: ACME
        timezone: Europe/Berlin
        go_live: 2026-03-01T00:00:00Z
        calendars:
          planned-maintenance:
            - { every: monday, from: "02:00", to: "04:30" }
        clauses:
          - { id: a, text: t, kpi: { kind: availability, signal: press-07/running, exclude: [planned-maintenance] }, window: { rolling: 2d }, target: ">= 95%" }
          - { id: b, text: t, kpi: { kind: downtime, signal: press-07/running }, window: { calendar: day }, target: "<= 2h" }
          - { id: c, text: t, kpi: { kind: ratio, good: mes-gw/api_ok, total: mes-gw/api_total }, window: { rolling: 1d }, target: ">= 99.5%" }
          - { id: d, text: t, kpi: { kind: ratio, success: mes-gw/call_ok }, window: { period: { from: go_live, length: 90d } }, target: ">= 99%" }
        """, Catalog).Value!;

    [Fact]
    public async Task Cached_buckets_give_the_from_scratch_results_also_after_late_and_rewritten_samples()
    {
        var random = new Random(7);
        var raw = new InMemoryTimeSeriesStore();
        var cache = new BucketCache();
        var store = new BucketInvalidatingStore(raw, cache);
        await store.WriteAsync(Data(random, GoLive, GoLive.AddDays(3)), default);
        var incremental = new ClauseCalculator(store, Catalog, cache);
        var scratch = new ClauseCalculator(raw, Catalog);

        var at = GoLive.AddDays(3);
        await AssertSameAsync(incremental, scratch, at);
        Assert.True(cache.Count > 40, "the first round filled the cache");

        // Late and out-of-order: rewrite a few samples hours back (new values at existing instants and new instants), then new data.
        var late = Data(random, GoLive.AddDays(2).AddHours(5), GoLive.AddDays(2).AddHours(7)).Where(_ => random.Next(10) == 0).ToList();
        await store.WriteAsync(late, default);
        await store.WriteAsync(Data(random, at, at.AddMinutes(7)), default);
        await AssertSameAsync(incremental, scratch, at.AddMinutes(7));
    }

    private static async Task AssertSameAsync(ClauseCalculator incremental, ClauseCalculator scratch, DateTimeOffset at)
    {
        foreach (var clause in Contract.Clauses)
        {
            var window = clause.Window.Resolve(at, Contract.TimelineFor())!.Value;
            var expected = await scratch.ComputeOverAsync(Contract, clause, window, default);
            var actual = await incremental.ComputeOverAsync(Contract, clause, window, default);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Every 20 s: a running state that flips now and then, counters that grow by fractions, a success flag; gaps now and then.</summary>
    private static List<Sample> Data(Random random, DateTimeOffset from, DateTimeOffset to)
    {
        var samples = new List<Sample>();
        double ok = 1000 * random.NextDouble(), total = ok;
        for (var t = from; t < to; t = t.AddSeconds(20))
        {
            if (random.Next(500) == 0) t = t.AddMinutes(random.Next(1, 30));
            samples.Add(new Sample(Running, t, random.Next(40) == 0 ? 0 : 1));
            var calls = random.NextDouble() * 10;
            total += calls;
            ok += calls * (random.Next(50) == 0 ? 0.5 : 1);
            samples.Add(new Sample(Ok, t, ok));
            samples.Add(new Sample(Total, t, total));
            samples.Add(new Sample(CallOk, t, random.Next(100) == 0 ? 0 : 1));
        }
        return samples;
    }
}
