namespace ValueGuard.Core.Forecasting;

/// <summary>
/// One multi-window burn-rate alert: the budget burns at least <see cref="Factor"/> times too fast over
/// both the long and the short window (the short one makes the alert stop soon after the burn stops).
/// </summary>
public readonly record struct BurnRateRule(TimeSpan Long, TimeSpan Short, double Factor)
{
    private static readonly TimeSpan Reference = TimeSpan.FromDays(30);

    /// <summary>The SRE workbook's rules for a 30-day objective: 14.4× over 1 h and 5 min, 6× over 6 h and 30 min, 1× over 3 d and 6 h.</summary>
    public static readonly IReadOnlyList<BurnRateRule> Workbook =
    [
        new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4),
        new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6),
        new(TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1),
    ];

    /// <summary>The rule for another window length: windows scale with it, so each rule still spends the same share of budget.</summary>
    public BurnRateRule ScaledTo(TimeSpan window) => new(Long * (window / Reference), Short * (window / Reference), Factor);

    public bool Fires(double longBurnRate, double shortBurnRate) => longBurnRate >= Factor && shortBurnRate >= Factor;
}
