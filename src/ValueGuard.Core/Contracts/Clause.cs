using ValueGuard.Core.Commitments;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Contracts;

/// <summary>
/// One value commitment of a contract: what is measured, over which window, the target that must
/// hold, the warn level that means "at risk", and how much of the window must be known.
/// </summary>
public sealed record Clause(
    ClauseId Id,
    string Text,
    KpiDefinition Kpi,
    WindowSpec Window,
    Threshold Target,
    Threshold? Warn,
    double MinCoverage)
{
    public const double DefaultMinCoverage = 0.9;

    /// <summary>Names of the contract's exclusion calendars whose time this clause does not count.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>How long a new verdict must hold before the commitment moves (entering and leaving a state); zero moves at once.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The level a warned clause must reach again before it counts as met (hysteresis): between
    /// <see cref="Warn"/> and this it stays at risk. Null: leaving the warn level is enough.
    /// </summary>
    public Threshold? Clear { get; init; }

    /// <summary>When the clause counts as flapping; null uses <see cref="FlappingRule.Default"/>.</summary>
    public FlappingRule? Flapping { get; init; }

    /// <summary>How verdicts move this clause's commitment.</summary>
    public CommitmentRules Rules => new()
    {
        Debounce = Debounce,
        Flapping = Flapping ?? FlappingRule.Default,
        MissIsFinal = Window is PeriodWindow,
    };
}
