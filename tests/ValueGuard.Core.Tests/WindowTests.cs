using NodaTime;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class WindowTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeOffset GoLive = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_spring_forward_day_in_Berlin_is_23_hours_long()
    {
        var day = new CalendarWindow(CalendarUnit.Day);
        var at = new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero); // 30 March 00:00 CEST

        var window = day.Resolve(at, new ContractTimeline(GoLive, Berlin))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(TimeSpan.FromHours(23), window.Length);
    }

    [Fact]
    public void A_fall_back_day_in_Berlin_is_25_hours_long()
    {
        var (from, to) = new CalendarWindow(CalendarUnit.Day).PeriodContaining(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(TimeSpan.FromHours(25), to - from);
    }

    [Fact]
    public void Mid_month_the_window_is_the_month_so_far_in_local_time()
    {
        var at = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

        var window = new CalendarWindow(CalendarUnit.Month).Resolve(at, new ContractTimeline(GoLive, Shanghai))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), window.From); // 1 March 00:00 +08:00
        Assert.Equal(at, window.To);
    }

    [Fact]
    public void Evaluating_at_midnight_closes_the_period_that_just_ended()
    {
        var at = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

        var window = new CalendarWindow(CalendarUnit.Month).Resolve(at, ContractTimeline.Utc(GoLive))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), window.From);
        Assert.Equal(at, window.To);
    }

    [Theory]
    [InlineData(CalendarUnit.Week, "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z")] // Monday to Monday
    [InlineData(CalendarUnit.Quarter, "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z")]
    public void Weeks_start_on_monday_and_quarters_on_the_first_month(CalendarUnit unit, string from, string to)
    {
        var (f, t) = new CalendarWindow(unit).PeriodContaining(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero), DateTimeZone.Utc);

        Assert.Equal((DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (f, t));
    }

    [Fact]
    public void A_rolling_window_does_not_reach_back_before_its_start()
    {
        var rolling = new RollingWindow(TimeSpan.FromDays(30));

        Assert.Null(rolling.Resolve(GoLive, ContractTimeline.Utc(GoLive)));
        Assert.Equal(new EvaluationWindow(GoLive, GoLive.AddDays(2)), rolling.Resolve(GoLive.AddDays(2), ContractTimeline.Utc(GoLive)));
        Assert.Equal(new EvaluationWindow(GoLive.AddDays(10), GoLive.AddDays(40)), rolling.Resolve(GoLive.AddDays(40), ContractTimeline.Utc(GoLive)));
    }

    [Fact]
    public void A_window_starting_72h_after_first_signal_waits_for_the_first_signal()
    {
        Assert.True(WindowStart.TryParse("first_signal + 72h", out var start));
        var rolling = new RollingWindow(TimeSpan.FromDays(7), start);
        var powerOn = GoLive.AddDays(3);

        Assert.Null(rolling.Resolve(GoLive.AddDays(20), ContractTimeline.Utc(GoLive)));
        Assert.Null(rolling.Resolve(powerOn.AddHours(72), new ContractTimeline(GoLive, DateTimeZone.Utc, powerOn)));
        Assert.Equal(new EvaluationWindow(powerOn.AddHours(72), powerOn.AddHours(96)),
            rolling.Resolve(powerOn.AddHours(96), new ContractTimeline(GoLive, DateTimeZone.Utc, powerOn)));
    }

    [Fact]
    public void A_period_ends_at_its_length_or_its_end_instant()
    {
        var byLength = new PeriodWindow(TimeSpan.FromDays(90));
        var byEnd = new PeriodWindow(WindowStart.GoLive, null, GoLive.AddDays(10));

        Assert.Equal(new EvaluationWindow(GoLive, GoLive.AddDays(90)), byLength.Resolve(GoLive.AddDays(200), ContractTimeline.Utc(GoLive)));
        Assert.Equal(GoLive.AddDays(10), byEnd.EndsAt(ContractTimeline.Utc(GoLive)));
    }

    [Theory]
    [InlineData("go_live", WindowAnchor.GoLive, 0)]
    [InlineData("first_signal + 72h", WindowAnchor.FirstSignal, 72)]
    [InlineData("go_live+1d", WindowAnchor.GoLive, 24)]
    public void Window_starts_parse_as_written(string text, WindowAnchor anchor, int hours)
    {
        Assert.True(WindowStart.TryParse(text, out var start));
        Assert.Equal((anchor, TimeSpan.FromHours(hours)), (start.Anchor, start.Offset));
    }

    [Fact]
    public void The_finished_calendar_periods_since_the_last_close_are_listed_oldest_first_in_local_time()
    {
        var day = new CalendarWindow(CalendarUnit.Day);
        var timeline = new ContractTimeline(GoLive, Berlin);
        var lastClosedUntil = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero); // Berlin midnight, 29 March

        var periods = day.FinishedPeriods(lastClosedUntil, new DateTimeOffset(2026, 3, 31, 1, 0, 0, TimeSpan.Zero), timeline);

        Assert.Equal(
            [new EvaluationWindow(lastClosedUntil, new(2026, 3, 29, 22, 0, 0, TimeSpan.Zero)), new EvaluationWindow(new(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), new(2026, 3, 30, 22, 0, 0, TimeSpan.Zero))],
            periods);
        Assert.Equal(TimeSpan.FromHours(23), periods[0].Length);
    }

    [Fact]
    public void Without_a_last_close_only_the_latest_finished_period_is_listed_and_none_before_go_live()
    {
        var month = new CalendarWindow(CalendarUnit.Month);
        var timeline = ContractTimeline.Utc(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([new EvaluationWindow(new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))],
            month.FinishedPeriods(null, new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), timeline));
        Assert.Equal([new EvaluationWindow(new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), new EvaluationWindow(new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))],
            month.FinishedPeriods(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), timeline));
        Assert.Empty(month.FinishedPeriods(null, new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), timeline));
    }

    [Theory]
    [InlineData("golive")]
    [InlineData("first_signal + 3 days")]
    [InlineData("")]
    public void Bad_window_starts_are_rejected(string text) => Assert.False(WindowStart.TryParse(text, out _));
}
