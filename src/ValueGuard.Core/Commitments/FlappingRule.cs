namespace ValueGuard.Core.Commitments;

/// <summary>
/// When a clause counts as flapping: more than <see cref="MaxChanges"/> state changes within
/// <see cref="Within"/>. A flapping clause is held in the worse state until its verdict has stayed the
/// same for <see cref="Within"/>.
/// </summary>
public sealed record FlappingRule(int MaxChanges, TimeSpan Within)
{
    /// <summary>More than 5 changes in an hour.</summary>
    public static readonly FlappingRule Default = new(5, TimeSpan.FromHours(1));
}
