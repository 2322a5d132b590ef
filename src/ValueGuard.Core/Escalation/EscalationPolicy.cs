namespace ValueGuard.Core.Escalation;

/// <summary>
/// A named way of escalating a breach: its levels (who, which sinks, what priority, after how long
/// unacknowledged), reminders while nobody acknowledges, and the hours in which people are paged.
/// </summary>
public sealed record EscalationPolicy(string Name, IReadOnlyList<EscalationLevel> Levels)
{
    /// <summary>The policy of a site that configures none: 4 h per level, to sales at level 2.</summary>
    public static readonly EscalationPolicy Default = Uniform("default", TimeSpan.FromHours(4), 2);

    /// <summary>The notice sent when a clause enters AtRisk; null sends none.</summary>
    public AtRiskNotice? AtRisk { get; init; } = AtRiskNotice.CustomerSuccess;

    /// <summary>How often an unacknowledged breach is repeated at its current level; null means never.</summary>
    public TimeSpan? RemindEvery { get; init; }

    /// <summary>When the escalation clock runs; null means always.</summary>
    public BusinessHours? BusinessHours { get; init; }

    /// <summary>When reminders and escalation messages are held back; null means never.</summary>
    public QuietHours? QuietHours { get; init; }

    /// <summary>The highest level an episode can reach.</summary>
    public int MaxLevel => Levels.Count - 1;

    /// <summary>The level an episode is at; levels beyond the last count as the last.</summary>
    public EscalationLevel LevelAt(int level) => Levels[Math.Clamp(level, 0, MaxLevel)];

    /// <summary>
    /// The classic shape: open to delivery (high), then every <paramref name="after"/> one level up
    /// (urgent, then immediate), with the sales manager assigned from level 2.
    /// </summary>
    public static EscalationPolicy Uniform(string name, TimeSpan after, int maxLevel)
    {
        var levels = new List<EscalationLevel> { new(TimeSpan.Zero, [OwnerRole.Delivery, OwnerRole.CustomerSuccess], [], "high") };
        for (var level = 1; level <= maxLevel; level++)
        {
            levels.Add(level >= 2
                ? new EscalationLevel(after, [OwnerRole.SalesManager, OwnerRole.Delivery], [], "immediate")
                : new EscalationLevel(after, [OwnerRole.Delivery, OwnerRole.CustomerSuccess], [], "urgent"));
        }
        return new EscalationPolicy(name, levels);
    }
}
