using BenchmarkDotNet.Attributes;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Benchmarks;

/// <summary>
/// One clause computed from scratch over 30 days of 1 Hz data (2,592,000 samples per signal), samples
/// already in memory: the cost the evaluator pays per clause and round today (it recomputes every
/// clause over its whole window; the store read comes on top).
/// </summary>
[MemoryDiagnoser]
public class ClauseEvaluationBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");

    private EvaluationWindowInputs inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int seconds = 30 * 24 * 3600;
        var running = new Sample[seconds];
        var ok = new Sample[seconds];
        var total = new Sample[seconds];
        for (var i = 0; i < seconds; i++)
        {
            var t = T0.AddSeconds(i);
            running[i] = new Sample(Running, t, i % 3600 < 3500 ? 1 : 0);
            total[i] = new Sample(Total, t, i * 10.0);
            ok[i] = new Sample(Ok, t, i * 10.0 - i / 1000);
        }
        var catalog = new SignalCatalog(new[] { Running, Ok, Total }.Select(id => new SignalSpec(id, SignalKind.Float, TimeSpan.FromSeconds(5))));
        inputs = new EvaluationWindowInputs(new EvaluationWindow(T0, T0.AddDays(30)),
            new Dictionary<SignalId, IReadOnlyList<Sample>> { [Running] = running, [Ok] = ok, [Total] = total }, catalog);
    }

    [Benchmark]
    public double Availability_30d_1Hz() => new AvailabilityKpi(Running, 1).Compute(inputs).Value;

    [Benchmark]
    public double CounterRatio_30d_1Hz() => new CounterRatioKpi(Ok, Total).Compute(inputs).Value;
}
