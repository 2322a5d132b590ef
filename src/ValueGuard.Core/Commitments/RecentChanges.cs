namespace ValueGuard.Core.Commitments;

/// <summary>The instants of a commitment's recent state changes, oldest first; compared by content.</summary>
public sealed class RecentChanges : IEquatable<RecentChanges>
{
    public static readonly RecentChanges None = new([]);

    public RecentChanges(IEnumerable<DateTimeOffset> instants) => Instants = [.. instants];

    public IReadOnlyList<DateTimeOffset> Instants { get; }

    public int Count => Instants.Count;

    /// <summary>These changes plus one at <paramref name="at"/>, keeping only those within <paramref name="within"/> of it.</summary>
    public RecentChanges Add(DateTimeOffset at, TimeSpan within) => new(Instants.Where(i => at - i < within).Append(at));

    public bool Equals(RecentChanges? other) => other is not null && Instants.SequenceEqual(other.Instants);

    public override bool Equals(object? obj) => Equals(obj as RecentChanges);

    public override int GetHashCode() => Instants.Count == 0 ? 0 : HashCode.Combine(Instants.Count, Instants[^1]);
}
