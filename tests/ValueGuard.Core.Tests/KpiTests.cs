using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class KpiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");

    private static EvaluationWindowInputs Inputs(EvaluationWindow window, TimeSpan maxGap, params Sample[] samples) =>
        new(window, samples.GroupBy(s => s.Signal).ToDictionary(g => g.Key, g => (IReadOnlyList<Sample>)g.OrderBy(s => s.Timestamp).ToList()),
            new SignalCatalog(samples.Select(s => s.Signal).Distinct().Select(id => new SignalSpec(id, SignalKind.Bool, maxGap))));

    private static Sample At(SignalId id, double minutes, double value) => new(id, T0.AddMinutes(minutes), value);

    [Fact]
    public void Availability_is_up_time_over_known_time()
    {
        var window = new EvaluationWindow(T0, T0.AddHours(1));
        var inputs = Inputs(window, TimeSpan.FromMinutes(30), At(Running, 0, 1), At(Running, 15, 0), At(Running, 30, 1), At(Running, 45, 1));

        var r = new AvailabilityKpi(Running, 1).Compute(inputs);

        Assert.Equal(0.75, r.Value, 9);
        Assert.Equal(1.0, r.Coverage, 9);
        Assert.Equal(4, r.SampleCount);
    }

    [Fact]
    public void A_value_holds_for_at_most_max_gap_and_the_rest_is_unknown()
    {
        var window = new EvaluationWindow(T0, T0.AddHours(1));
        var inputs = Inputs(window, TimeSpan.FromMinutes(10), At(Running, 0, 1), At(Running, 40, 0));

        var r = new AvailabilityKpi(Running, 1).Compute(inputs);

        // Known: [0,10) up and [40,50) down; 20 of 60 minutes.
        Assert.Equal(0.5, r.Value, 9);
        Assert.Equal(20.0 / 60, r.Coverage, 9);
    }

    [Fact]
    public void Empty_window_has_no_value_and_no_coverage()
    {
        var r = new AvailabilityKpi(Running, 1).Compute(Inputs(new EvaluationWindow(T0, T0.AddHours(1)), TimeSpan.FromMinutes(10)));

        Assert.True(double.IsNaN(r.Value));
        Assert.Equal(0, r.Coverage);
    }

    [Fact]
    public void A_sample_before_the_window_holds_into_it_and_is_clipped_at_the_edge()
    {
        var window = new EvaluationWindow(T0.AddMinutes(10), T0.AddMinutes(20));
        var inputs = Inputs(window, TimeSpan.FromMinutes(30), At(Running, 0, 0), At(Running, 20, 1));

        var r = new DowntimeKpi(Running, 0).Compute(inputs);

        Assert.Equal(600, r.Value, 9);
        Assert.Equal(1.0, r.Coverage, 9);
    }

    [Fact]
    public void Counter_ratio_detects_resets()
    {
        var window = new EvaluationWindow(T0, T0.AddMinutes(30));
        var inputs = Inputs(window, TimeSpan.FromMinutes(10),
            At(Ok, 0, 1000), At(Total, 0, 1000),
            At(Ok, 10, 1090), At(Total, 10, 1100),
            At(Ok, 20, 48), At(Total, 20, 50), // gateway restarted: counters began again
            At(Ok, 29, 98), At(Total, 29, 100));

        var r = new CounterRatioKpi(Ok, Total).Compute(inputs);

        // good: 90 + 48 + 50 = 188; total: 100 + 50 + 50 = 200
        Assert.Equal(0.94, r.Value, 9);
        Assert.Equal(29.0 / 30, r.Coverage, 9);
    }

    [Fact]
    public void Inputs_digest_changes_when_one_sample_changes()
    {
        var window = new EvaluationWindow(T0, T0.AddHours(1));
        var a = new AvailabilityKpi(Running, 1).Compute(Inputs(window, TimeSpan.FromMinutes(30), At(Running, 0, 1), At(Running, 30, 1)));
        var b = new AvailabilityKpi(Running, 1).Compute(Inputs(window, TimeSpan.FromMinutes(30), At(Running, 0, 1), At(Running, 30, 0)));
        var again = new AvailabilityKpi(Running, 1).Compute(Inputs(window, TimeSpan.FromMinutes(30), At(Running, 0, 1), At(Running, 30, 1)));

        Assert.NotEqual(a.InputsSha256, b.InputsSha256);
        Assert.Equal(a.InputsSha256, again.InputsSha256);
        Assert.Equal(64, a.InputsSha256.Length);
    }
}
