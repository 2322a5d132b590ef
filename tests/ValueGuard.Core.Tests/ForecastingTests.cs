using ValueGuard.Core.Forecasting;

namespace ValueGuard.Core.Tests;

public class ForecastingTests
{
    private static readonly ErrorBudget ThirtyDays = new(0.9995, TimeSpan.FromDays(30));

    [Fact]
    public void A_99_95_percent_30_day_objective_has_a_21_6_minute_budget()
    {
        Assert.Equal(21.6, ThirtyDays.AllowedBadTime.TotalMinutes, 9);
    }

    [Fact]
    public void Burning_14_4_times_too_fast_for_an_hour_spends_2_percent_of_the_budget()
    {
        Assert.Equal(0.02, ThirtyDays.SpentBy(14.4, TimeSpan.FromHours(1)), 12);
        Assert.Equal(0.05, ThirtyDays.SpentBy(6, TimeSpan.FromHours(6)), 12);
        Assert.Equal(0.10, ThirtyDays.SpentBy(1, TimeSpan.FromDays(3)), 12);
    }

    [Fact]
    public void The_burn_rate_is_the_observed_bad_share_over_the_allowed_one()
    {
        Assert.Equal(14.4, ThirtyDays.BurnRate(1 - 0.0005 * 14.4), 9);
        Assert.Equal(0, ThirtyDays.BurnRate(1), 12);
    }

    [Fact]
    public void Rules_scale_with_the_clause_window_and_spend_the_same_share()
    {
        var sevenDays = new ErrorBudget(0.9995, TimeSpan.FromDays(7));
        var rule = BurnRateRule.Workbook[0].ScaledTo(TimeSpan.FromDays(7));

        Assert.Equal(TimeSpan.FromHours(7.0 / 30), rule.Long);
        Assert.Equal(0.02, sevenDays.SpentBy(rule.Factor, rule.Long), 12);
    }

    [Fact]
    public void An_alert_needs_both_windows()
    {
        var rule = BurnRateRule.Workbook[0];

        Assert.True(rule.Fires(20, 15));
        Assert.False(rule.Fires(20, 2)); // the burn stopped: the short window clears the alert
    }

    [Fact]
    public void Downtime_at_the_current_rate_uses_up_the_allowance_before_the_period_ends()
    {
        // 1 h 24 min down in the first 63 days of 90 against a 2 h allowance: used up on day 90 exactly? No: on day 90 * (2/ (1.4*90/63)).
        var p = PeriodProjection.Of(TimeSpan.FromMinutes(100).TotalSeconds, TimeSpan.FromHours(2).TotalSeconds, TimeSpan.FromDays(50), TimeSpan.FromDays(90));

        Assert.Equal(TimeSpan.FromMinutes(180).TotalSeconds, p.AtEnd, 6);
        Assert.Equal(TimeSpan.FromDays(60), p.LimitReachedAfter);
    }

    [Fact]
    public void No_projection_when_the_current_rate_stays_within_the_allowance()
    {
        var p = PeriodProjection.Of(TimeSpan.FromMinutes(30).TotalSeconds, TimeSpan.FromHours(2).TotalSeconds, TimeSpan.FromDays(45), TimeSpan.FromDays(90));

        Assert.Null(p.LimitReachedAfter);
        Assert.Equal(3600, p.AtEnd, 6);
    }
}
