using CsCheck;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class KpiPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalCatalog Catalog = new([new SignalSpec(Running, SignalKind.Bool, TimeSpan.FromMinutes(10))]);

    /// <summary>A running signal: up to 60 samples at random minutes within 12 h, random state.</summary>
    private static readonly Gen<Sample[]> Samples =
        Gen.Select(Gen.Int[0, 12 * 60], Gen.Bool).Array[0, 60]
            .Select(items => items.DistinctBy(i => i.Item1).OrderBy(i => i.Item1).Select(i => new Sample(Running, T0.AddMinutes(i.Item1), i.Item2 ? 1 : 0)).ToArray());

    private static EvaluationWindowInputs Inputs(EvaluationWindow w, Sample[] s) => new(w, new Dictionary<SignalId, IReadOnlyList<Sample>> { [Running] = s }, Catalog);

    [Fact]
    public void Up_down_and_unknown_time_add_up_to_the_window()
    {
        var window = new EvaluationWindow(T0, T0.AddHours(12));
        Samples.Sample(s =>
        {
            var up = StateTime.Measure(Inputs(window, s), Running, 1);
            var down = StateTime.Measure(Inputs(window, s), Running, 0);
            Assert.Equal(up.Known, down.Known);
            var unknown = window.Length - up.Known;
            Assert.Equal(window.Length, up.InState + down.InState + unknown);
            Assert.InRange(unknown, TimeSpan.Zero, window.Length);
        });
    }

    [Fact]
    public void Splitting_a_window_never_changes_the_downtime_total()
    {
        Gen.Select(Samples, Gen.Int[1, 12 * 60 - 1]).Sample((s, splitMinute) =>
        {
            var whole = new DowntimeKpi(Running, 0).Compute(Inputs(new EvaluationWindow(T0, T0.AddHours(12)), s)).Value;
            var split = T0.AddMinutes(splitMinute);
            var left = new DowntimeKpi(Running, 0).Compute(Inputs(new EvaluationWindow(T0, split), s)).Value;
            var right = new DowntimeKpi(Running, 0).Compute(Inputs(new EvaluationWindow(split, T0.AddHours(12)), s)).Value;
            Assert.Equal(whole, left + right, 6);
        });
    }

    [Fact]
    public void Availability_never_leaves_zero_to_one_and_coverage_never_exceeds_one()
    {
        Samples.Sample(s =>
        {
            var r = new AvailabilityKpi(Running, 1).Compute(Inputs(new EvaluationWindow(T0, T0.AddHours(12)), s));
            Assert.True(double.IsNaN(r.Value) || r.Value is >= 0 and <= 1);
            Assert.InRange(r.Coverage, 0, 1);
            Assert.Equal(double.IsNaN(r.Value), r.Coverage == 0);
        });
    }
}
