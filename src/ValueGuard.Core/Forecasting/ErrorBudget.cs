namespace ValueGuard.Core.Forecasting;

/// <summary>
/// The error budget of a "good share ≥ objective over a window" commitment, as in Google's SRE workbook:
/// a 99.95 % objective over 30 days allows 0.05 % bad, i.e. 21.6 minutes of full outage.
/// </summary>
public readonly record struct ErrorBudget(double Objective, TimeSpan Window)
{
    /// <summary>The share of the window that may be bad.</summary>
    public double AllowedBadShare => 1 - Objective;

    /// <summary>The budget as time of complete outage.</summary>
    public TimeSpan AllowedBadTime => Window * AllowedBadShare;

    /// <summary>How many times faster than sustainable the budget burns at an observed good share (1 = exactly spent at the window's end).</summary>
    public double BurnRate(double observedGoodShare) => AllowedBadShare > 0 ? (1 - observedGoodShare) / AllowedBadShare : double.PositiveInfinity;

    /// <summary>The share of the whole budget spent by burning at <paramref name="burnRate"/> for <paramref name="duration"/>.</summary>
    public double SpentBy(double burnRate, TimeSpan duration) => burnRate * (duration / Window);
}
