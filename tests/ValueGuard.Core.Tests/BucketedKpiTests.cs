using CsCheck;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

/// <summary>The incremental path (cached buckets + raw edges) must give exactly the from-scratch result.</summary>
public class BucketedKpiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId State = new("press-07", "running");
    private static readonly SignalId Good = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");
    private static readonly TimeSpan[] Gaps = [TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromMinutes(90), TimeSpan.FromHours(3)];
    private static readonly KpiDefinition[] Kinds =
        [new AvailabilityKpi(State, 1), new AvailabilityKpi(State, 2), new DowntimeKpi(State, 0), new CounterRatioKpi(Good, Total), new FlagRatioKpi(State)];

    /// <summary>Up to 300 samples at random seconds within 3 days; values from a few states or a counter with fractions and resets.</summary>
    private static Gen<Sample[]> SamplesOf(SignalId id) =>
        Gen.Select(Gen.Int[0, 72 * 3600], Gen.Int[0, 3], Gen.Double[0, 50]).Array[0, 300].Select(items =>
        {
            var counter = 0.0;
            return items.DistinctBy(i => i.Item1).OrderBy(i => i.Item1).Select(i =>
            {
                counter = i.Item2 == 3 && i.Item3 < 5 ? i.Item3 : counter + i.Item3; // now and then a reset
                return new Sample(id, T0.AddSeconds(i.Item1), id == State ? i.Item2 : counter);
            }).ToArray();
        });

    private static readonly Gen<IntervalSet> Exclusions =
        Gen.Select(Gen.Int[0, 72 * 3600], Gen.Int[1, 6 * 3600]).Array[0, 3]
            .Select(items => new IntervalSet(items.Select(i => new TimeInterval(T0.AddSeconds(i.Item1), T0.AddSeconds(i.Item1 + i.Item2)))));

    [Fact]
    public void Buckets_and_raw_edges_give_exactly_the_from_scratch_result()
    {
        Gen.Select(SamplesOf(State), SamplesOf(Good), SamplesOf(Total), Gen.Int[0, Gaps.Length - 1], Gen.Int[0, Kinds.Length - 1])
            .Select(Gen.Int[-3600, 72 * 3600], Gen.Int[0, 72 * 3600], Exclusions, (signals, from, length, excluded) => (signals, from, length, excluded))
            .Sample(t =>
            {
                var (state, good, total, gap, kind) = t.signals;
                var all = new Dictionary<SignalId, Sample[]> { [State] = state, [Good] = good, [Total] = total };
                var window = new EvaluationWindow(T0.AddSeconds(t.from), T0.AddSeconds(t.from + t.length));
                var kpi = Kinds[kind];
                var expected = FromScratch(kpi, all, window, Gaps[gap], t.excluded);
                var actual = Incremental(kpi, all, window, Gaps[gap], t.excluded);
                Assert.Equal(expected, actual);
            }, iter: 3000);
    }

    [Fact]
    public void A_window_on_bucket_edges_with_samples_on_the_edges_matches()
    {
        var samples = Enumerable.Range(0, 5 * 60).Select(m => new Sample(State, T0.AddMinutes(m), m % 7 == 0 ? 0 : 1)).ToArray();
        var all = new Dictionary<SignalId, Sample[]> { [State] = samples, [Good] = [], [Total] = [] };
        var window = new EvaluationWindow(T0.AddHours(1), T0.AddHours(4));

        var expected = FromScratch(new AvailabilityKpi(State, 1), all, window, TimeSpan.FromMinutes(5), IntervalSet.Empty);
        var actual = Incremental(new AvailabilityKpi(State, 1), all, window, TimeSpan.FromMinutes(5), IntervalSet.Empty);

        Assert.Equal(expected, actual);
        Assert.Equal(180, actual!.SampleCount);
    }

    [Fact]
    public void A_signal_with_many_values_has_no_state_answer_from_buckets()
    {
        var samples = Enumerable.Range(0, 5 * 60).Select(m => new Sample(State, T0.AddMinutes(m), m)).ToArray();
        var all = new Dictionary<SignalId, Sample[]> { [State] = samples, [Good] = [], [Total] = [] };

        Assert.Null(Incremental(new AvailabilityKpi(State, 1), all, new EvaluationWindow(T0, T0.AddHours(5)), TimeSpan.FromMinutes(5), IntervalSet.Empty));
    }

    private static SignalCatalog CatalogWith(TimeSpan gap) => new(new[] { State, Good, Total }.Select(id => new SignalSpec(id, SignalKind.Float, gap)));

    private static Sample[] Range(Sample[] all, DateTimeOffset from, DateTimeOffset to) => [.. all.Where(s => s.Timestamp >= from && s.Timestamp < to)];

    /// <summary>As the gateway computes without a cache: the samples of <c>[From - maxGap, To)</c>.</summary>
    private static KpiResult FromScratch(KpiDefinition kpi, Dictionary<SignalId, Sample[]> all, EvaluationWindow window, TimeSpan gap, IntervalSet excluded)
    {
        var samples = kpi.Inputs.ToDictionary(id => id, id => (IReadOnlyList<Sample>)Range(all[id], window.From - gap, window.To));
        return kpi.Compute(new EvaluationWindowInputs(window, samples, CatalogWith(gap), kpi.HonoursExclusions ? excluded : null));
    }

    private static KpiResult? Incremental(KpiDefinition kpi, Dictionary<SignalId, Sample[]> all, EvaluationWindow window, TimeSpan gap, IntervalSet excluded)
    {
        var plan = BucketPlan.For(window, gap);
        var signals = kpi.Inputs.ToDictionary(id => id, id =>
        {
            var buckets = Enumerable.Range(0, plan.BucketCount).Select(i => plan.FirstBucket + i)
                .Select(b => BucketSummary.Of(b, Range(all[id], BucketGrid.StartOf(b) - gap, BucketGrid.StartOf(b) + BucketGrid.Width), gap)).ToList();
            var gone = kpi.HonoursExclusions
                ? excluded.Intervals
                    .Select(i => new TimeInterval(i.From > window.From ? i.From : window.From, i.To < window.To ? i.To : window.To))
                    .Where(i => i.To > i.From)
                    .Select(i => new ExcludedSamples(i, Range(all[id], i.From - gap, i.To))).ToList()
                : [];
            return new BucketedSignal(id, gap, plan, Range(all[id], window.From - gap, plan.HeadEnd), buckets, Range(all[id], plan.TailStart - gap, window.To), gone);
        });
        var shell = new EvaluationWindowInputs(window, new Dictionary<SignalId, IReadOnlyList<Sample>>(), CatalogWith(gap), kpi.HonoursExclusions ? excluded : null);
        return BucketedKpi.TryCompute(kpi, shell, signals);
    }
}
