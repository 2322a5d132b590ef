using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class KpiKindTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationWindow Hour = new(T0, T0.AddHours(1));

    private static Sample At(string device, string signal, double minutes, double value) => new(new SignalId(device, signal), T0.AddMinutes(minutes), value);

    private static EvaluationWindowInputs Inputs(EvaluationWindow window, TimeSpan maxGap, params Sample[] samples) =>
        new(window, samples.GroupBy(s => s.Signal).ToDictionary(g => g.Key, g => (IReadOnlyList<Sample>)g.OrderBy(s => s.Timestamp).ToList()),
            new SignalCatalog(samples.Select(s => s.Signal).Distinct().Select(id => new SignalSpec(id, SignalKind.Float, maxGap))));

    [Fact]
    public void Average_temperature_is_weighted_by_the_time_each_value_held()
    {
        // 10 °C for 45 min, 50 °C for 15 min: time-weighted 20 °C, although the sample mean is 30 °C.
        var inputs = Inputs(Hour, TimeSpan.FromHours(1), At("oven", "temp", 0, 10), At("oven", "temp", 45, 50));

        var r = new AggregateKpi(new SignalId("oven", "temp"), AggregateFunction.Avg).Compute(inputs);

        Assert.Equal(20, r.Value, 9);
    }

    [Theory]
    [InlineData(AggregateFunction.Min, 1)]
    [InlineData(AggregateFunction.Max, 100)]
    [InlineData(AggregateFunction.Sum, 5050)]
    [InlineData(AggregateFunction.Count, 100)]
    [InlineData(AggregateFunction.P50, 50)]
    [InlineData(AggregateFunction.P95, 95)]
    [InlineData(AggregateFunction.P99, 99)]
    public void Aggregates_of_the_samples_in_the_window(AggregateFunction function, double expected)
    {
        var samples = Enumerable.Range(1, 100).Select(i => At("line", "cycle", i * 0.5, i)).ToArray();

        var r = new AggregateKpi(new SignalId("line", "cycle"), function).Compute(Inputs(Hour, TimeSpan.FromMinutes(5), samples));

        Assert.Equal(expected, r.Value, 9);
    }

    [Fact]
    public void A_device_is_online_while_heard_within_its_heartbeat_timeout()
    {
        // press-07 heard every minute for the first 30 min; press-08 heard all hour.
        var samples = Enumerable.Range(0, 30).Select(m => At("press-07", "temp", m, 1))
            .Concat(Enumerable.Range(0, 60).Select(m => At("press-08", "temp", m, 1))).ToArray();

        var r = new OnlineKpi(["press-07", "press-08"], TimeSpan.FromMinutes(1)).Compute(Inputs(Hour, TimeSpan.FromMinutes(1), samples));

        Assert.Equal(0.75, r.Value, 9);
        Assert.Equal(1.0, r.Coverage, 9);
    }

    [Fact]
    public void A_silent_device_is_offline_not_unknown()
    {
        var r = new OnlineKpi(["press-07"], TimeSpan.FromMinutes(1)).Compute(Inputs(Hour, TimeSpan.FromMinutes(1)));

        Assert.Equal(0, r.Value);
    }

    [Fact]
    public void Stops_give_count_mtbf_and_mttr()
    {
        // up 0-10, down 10-20, up 20-40, down 40-50, up 50-60 (minutes)
        var signal = new SignalId("press-07", "running");
        var inputs = Inputs(Hour, TimeSpan.FromHours(1),
            At("press-07", "running", 0, 1), At("press-07", "running", 10, 0), At("press-07", "running", 20, 1),
            At("press-07", "running", 40, 0), At("press-07", "running", 50, 1));

        Assert.Equal(2, new FailureKpi(signal, 0, FailureMeasure.Count).Compute(inputs).Value);
        Assert.Equal(TimeSpan.FromMinutes(20).TotalSeconds, new FailureKpi(signal, 0, FailureMeasure.Mtbf).Compute(inputs).Value, 6);
        Assert.Equal(TimeSpan.FromMinutes(10).TotalSeconds, new FailureKpi(signal, 0, FailureMeasure.Mttr).Compute(inputs).Value, 6);
    }

    [Fact]
    public void A_stop_after_unknown_time_is_not_counted_as_a_failure()
    {
        var signal = new SignalId("press-07", "running");
        var inputs = Inputs(Hour, TimeSpan.FromMinutes(5), At("press-07", "running", 0, 1), At("press-07", "running", 30, 0));

        Assert.Equal(0, new FailureKpi(signal, 0, FailureMeasure.Count).Compute(inputs).Value);
    }

    [Fact]
    public void Oee_multiplies_availability_performance_and_quality()
    {
        // Running 45 of 60 min; ideal cycle 30 s; 72 parts made (performance 72*30 s / 45 min = 0.8); 54 good (quality 0.75).
        var samples = new List<Sample> { At("press-07", "running", 0, 1), At("press-07", "running", 45, 0) };
        for (var m = 0; m <= 60; m += 5)
        {
            var parts = Math.Min(m, 45) * 72 / 45.0;
            samples.Add(At("press-07", "parts", m, parts));
            samples.Add(At("press-07", "good", m, parts * 0.75));
        }
        var inputs = Inputs(Hour, TimeSpan.FromHours(1), [.. samples]);

        var r = new OeeKpi(new SignalId("press-07", "running"), TimeSpan.FromSeconds(30), new SignalId("press-07", "parts"), new SignalId("press-07", "good")).Compute(inputs);

        Assert.Equal(0.75 * 0.8 * 0.75, r.Value, 9);
    }

    [Fact]
    public void Success_flags_give_the_share_of_good_events()
    {
        var inputs = Inputs(Hour, TimeSpan.FromMinutes(1), At("mes", "call_ok", 1, 1), At("mes", "call_ok", 2, 1), At("mes", "call_ok", 3, 0), At("mes", "call_ok", 4, 1));

        var r = new FlagRatioKpi(new SignalId("mes", "call_ok")).Compute(inputs);

        Assert.Equal(0.75, r.Value, 9);
        Assert.Equal(4, r.SampleCount);
    }
}
