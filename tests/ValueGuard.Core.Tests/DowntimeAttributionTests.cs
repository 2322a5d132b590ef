using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class DowntimeAttributionTests
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A day: up 00:00-06:00, down 06:00-10:00 with planned maintenance 08:00-09:00 inside it, up 10:00-12:00,
    /// then silence (max gap 30 min) until a sample at 20:00 that holds to the end (down).
    /// </summary>
    private static EvaluationWindowInputs Day()
    {
        var window = new EvaluationWindow(T0, T0.AddDays(1));
        var samples = new Dictionary<SignalId, IReadOnlyList<Sample>>
        {
            [Running] = [.. Every(T0, T0.AddHours(6), 1), .. Every(T0.AddHours(6), T0.AddHours(10), 0), .. Every(T0.AddHours(10), T0.AddHours(12), 1),
                .. Every(T0.AddHours(20), T0.AddDays(1), 0)],
        };
        var planned = new IntervalSet([new TimeInterval(T0.AddHours(8), T0.AddHours(9))]);
        return new EvaluationWindowInputs(window, samples, new SignalCatalog([new SignalSpec(Running, SignalKind.Bool, TimeSpan.FromMinutes(30))]), planned);
    }

    private static IEnumerable<Sample> Every(DateTimeOffset from, DateTimeOffset to, double value)
    {
        for (var t = from; t < to; t = t.AddMinutes(10)) yield return new Sample(Running, t, value);
    }

    [Fact]
    public void Splits_the_window_into_up_unplanned_planned_and_missing_time()
    {
        var a = DowntimeAttribution.For(new AvailabilityKpi(Running, 1), Day())!.Value;

        Assert.Equal(TimeSpan.FromMinutes(8 * 60 + 20), a.Up); // 00:00-06:00, and 10:00-12:20 (the 11:50 sample holds its 30 min)
        Assert.Equal(TimeSpan.FromHours(7), a.UnplannedDown); // 06-10 less the planned hour, and 20-24
        Assert.Equal(TimeSpan.FromHours(1), a.PlannedExcluded);
        Assert.Equal(TimeSpan.FromMinutes(7 * 60 + 40), a.DataMissing); // 12:20 to 20:00
        Assert.Equal(TimeSpan.FromDays(1), a.Up + a.UnplannedDown + a.PlannedExcluded + a.DataMissing);
    }

    [Fact]
    public void Agrees_with_the_downtime_kpi_and_its_coverage()
    {
        var inputs = Day();
        var kpi = new DowntimeKpi(Running, 0);

        var a = DowntimeAttribution.For(kpi, inputs)!.Value;
        var r = kpi.Compute(inputs);

        Assert.Equal(r.Value, a.UnplannedDown.TotalSeconds, 6);
        Assert.Equal(r.Coverage, (a.Up + a.UnplannedDown) / (inputs.Window.Length - a.PlannedExcluded), 9);
    }

    [Fact]
    public void A_kpi_without_one_state_signal_has_no_attribution()
    {
        Assert.Null(DowntimeAttribution.For(new FlagRatioKpi(Running), Day()));
    }
}
