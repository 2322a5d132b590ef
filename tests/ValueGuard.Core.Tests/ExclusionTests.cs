using NodaTime;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class ExclusionTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly SignalId Running = new("press-07", "running");

    [Fact]
    public void Downtime_excludes_planned_maintenance_in_local_time()
    {
        // Sunday 29 March 2026 is the spring-forward day in Berlin: 02:00-04:00 local is 01:00-02:00 UTC (one hour).
        var window = new EvaluationWindow(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero));
        var sunday = new WeeklyExclusion(IsoDayOfWeek.Sunday, new LocalTime(2, 0), new LocalTime(4, 0));
        var excluded = ExclusionCalendar.Resolve([new ExclusionCalendar("planned-maintenance", [sunday])], window, Berlin);
        var samples = new Dictionary<SignalId, IReadOnlyList<Sample>>
        {
            // Down from 00:30 to 03:00 UTC on Sunday: 2.5 h, of which 1 h is planned.
            [Running] = [new(Running, window.From, 1), new(Running, window.From.AddHours(24.5), 0), new(Running, window.From.AddHours(27), 1)],
        };
        var inputs = new EvaluationWindowInputs(window, samples, new SignalCatalog([new SignalSpec(Running, SignalKind.Bool, TimeSpan.FromDays(2))]), excluded);

        var r = new DowntimeKpi(Running, 0).Compute(inputs);

        Assert.Equal(TimeSpan.FromHours(1), excluded.Overlap(window.From, window.To));
        Assert.Equal(TimeSpan.FromHours(1.5).TotalSeconds, r.Value, 6);
        Assert.Equal(1.0, r.Coverage, 9);
    }

    [Fact]
    public void A_weekly_slot_past_midnight_runs_into_the_next_day()
    {
        var window = new EvaluationWindow(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero));
        var saturdayNight = new WeeklyExclusion(IsoDayOfWeek.Saturday, new LocalTime(22, 0), new LocalTime(2, 0));

        var set = ExclusionCalendar.Resolve([new ExclusionCalendar("night", [saturdayNight])], window, DateTimeZone.Utc);

        // Saturday 28 Feb's slot runs into Sunday 1 March (the window's start), 7 March's is whole,
        // 14 March's is cut at the window's end.
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(2)], set.Intervals.Select(i => i.Length));
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 22, 0, 0, TimeSpan.Zero), set.Intervals[1].From);
    }

    [Fact]
    public void Overlapping_exclusions_are_counted_once()
    {
        var set = new IntervalSet([
            new TimeInterval(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(2)),
            new TimeInterval(DateTimeOffset.UnixEpoch.AddHours(1), DateTimeOffset.UnixEpoch.AddHours(3)),
        ]);

        Assert.Equal(TimeSpan.FromHours(3), set.Overlap(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)));
        Assert.Single(set.Intervals);
    }
}
