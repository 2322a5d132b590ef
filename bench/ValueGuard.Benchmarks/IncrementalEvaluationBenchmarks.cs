using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Benchmarks;

/// <summary>
/// 1,000 clauses (availability, downtime, counter and flag ratios; rolling 1 d / 7 d / 30 d, calendar day,
/// week and month, one with weekly maintenance excluded) over 50 signals with 30 days of 1 Hz history
/// (129.6 million samples). Each iteration writes one new minute of data for every signal through the
/// gateway's invalidating store, then re-evaluates every clause at the new instant with the gateway's
/// calculator and its bucket cache (filled once in the setup, as the gateway's first round does).
/// Clauses share only raw edge reads (and their digest chunks) made since the signal's last write.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class IncrementalEvaluationBenchmarks
{
    private const int Devices = 10;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HistoryEnd = T0.AddDays(30);

    private GeneratedSeriesStore raw = null!;
    private BucketInvalidatingStore store = null!;
    private ClauseCalculator calculator = null!;
    private Contract contract = null!;
    private SignalCatalog catalog = null!;
    private DateTimeOffset now;

    [GlobalSetup]
    public void Setup()
    {
        var signals = Enumerable.Range(0, Devices).SelectMany(d => new[] { "running_a", "running_b", "good", "total", "call_ok" }.Select(s => new SignalId($"line-{d}", s))).ToList();
        catalog = new SignalCatalog(signals.Select(id => new SignalSpec(id, SignalKind.Float, TimeSpan.FromSeconds(5))));
        raw = new GeneratedSeriesStore(T0, HistoryEnd, ValueAt);
        var cache = new BucketCache();
        store = new BucketInvalidatingStore(raw, cache);
        calculator = new ClauseCalculator(store, catalog, cache);
        contract = ContractLoader.Load("bench.yaml", ContractYaml(), catalog).Value ?? throw new InvalidOperationException("the benchmark contract does not load");
        now = HistoryEnd;
        var clock = Stopwatch.StartNew();
        EvaluateAll().GetAwaiter().GetResult();
        Console.WriteLine($"// first round (fills {cache.Count} buckets from {signals.Count * 30 * 24 * 3600:N0} samples): {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [IterationSetup]
    public void OneMinuteOfNewData()
    {
        var samples = new List<Sample>();
        for (var s = 0; s < 60; s++)
        {
            var t = now.AddSeconds(s);
            var second = (long)(t - T0).TotalSeconds;
            foreach (var spec in catalog.All) samples.Add(new Sample(spec.Id, t, ValueAt(spec.Id, second)));
        }
        store.WriteAsync(samples, default).GetAwaiter().GetResult();
        now = now.AddMinutes(1);
    }

    [Benchmark]
    public Task<int> Reevaluate_1000_clauses_after_one_new_minute() => EvaluateAll();

    /// <summary>As the evaluator calls it per clause: window placement, KPI, verdict and, for met clauses, the breach forecast (its burn-rate windows).</summary>
    [Benchmark]
    public async Task<int> Reevaluate_1000_clauses_with_verdicts_and_forecasts()
    {
        var atRisk = 0;
        foreach (var clause in contract.Clauses)
        {
            var calculation = await calculator.CalculateAsync(contract, clause, now, default);
            if (calculation.Forecast is not null) atRisk++;
        }
        return atRisk;
    }

    private async Task<int> EvaluateAll()
    {
        var results = 0;
        foreach (var clause in contract.Clauses)
        {
            var window = clause.Window.Resolve(now, contract.TimelineFor())!.Value;
            var result = await calculator.ComputeOverAsync(contract, clause, window, default);
            if (!double.IsNaN(result.Value)) results++;
        }
        return results;
    }

    private static string ContractYaml()
    {
        var yaml = new StringBuilder("""
            contract: BENCH
            customer: ACME
            timezone: Europe/Berlin
            go_live: 2026-02-01T00:00:00Z
            calendars:
              planned-maintenance:
                - { every: sunday, from: "02:00", to: "04:00" }
            clauses:

            """);
        for (var i = 0; i < 1000; i++)
        {
            var d = $"line-{i % Devices}";
            yaml.Append("  - { id: c").Append(i).Append(", text: t, ").Append((i / Devices % 8) switch
            {
                0 => $"kpi: {{ kind: availability, signal: {d}/running_a }}, window: {{ rolling: 30d }}, target: \">= 95%\"",
                1 => $"kpi: {{ kind: availability, signal: {d}/running_b, exclude: [planned-maintenance] }}, window: {{ rolling: 7d }}, target: \">= 95%\"",
                2 => $"kpi: {{ kind: downtime, signal: {d}/running_a }}, window: {{ calendar: month }}, target: \"<= 20h\"",
                3 => $"kpi: {{ kind: availability, signal: {d}/running_b }}, window: {{ calendar: day }}, target: \">= 95%\"",
                4 => $"kpi: {{ kind: ratio, good: {d}/good, total: {d}/total }}, window: {{ rolling: 30d }}, target: \">= 99%\"",
                5 => $"kpi: {{ kind: ratio, good: {d}/good, total: {d}/total }}, window: {{ rolling: 1d }}, target: \">= 99%\"",
                6 => $"kpi: {{ kind: ratio, success: {d}/call_ok }}, window: {{ rolling: 30d }}, target: \">= 99%\"",
                _ => $"kpi: {{ kind: ratio, success: {d}/call_ok }}, window: {{ calendar: week }}, target: \">= 99%\"",
            }).Append(" }\n");
        }
        return yaml.ToString();
    }

    /// <summary>Machines stop for 10 minutes now and then; counters grow by 10 a second with a few failures and one reset; 1 in 200 calls fails.</summary>
    private static double ValueAt(SignalId id, long second)
    {
        var device = id.Device[^1] - '0';
        var mixed = (ulong)(second * 2654435761L + device * 40503L);
        return id.Signal switch
        {
            "running_a" or "running_b" => (second / 600 + device * 7 + (id.Signal == "running_b" ? 3 : 0)) % 37 == 0 ? 0 : 1,
            "total" => 10.0 * (second % 1_500_000),
            "good" => 10.0 * (second % 1_500_000) - (second % 1_500_000) / 997,
            _ => (mixed >> 7) % 200 == 0 ? 0 : 1,
        };
    }
}
