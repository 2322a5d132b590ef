namespace ValueGuard.Core.Commitments;

/// <summary>
/// How an unacknowledged breach climbs: after <see cref="EscalateAfter"/> without an acknowledgement
/// it goes one level up, at most to <see cref="MaxLevel"/>.
/// </summary>
public sealed record EscalationPolicy(string Name, TimeSpan EscalateAfter, int MaxLevel)
{
    public static readonly EscalationPolicy Default = new("default", TimeSpan.FromHours(4), 2);
}
