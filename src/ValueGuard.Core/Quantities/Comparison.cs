namespace ValueGuard.Core.Quantities;

/// <summary>The comparison of a threshold.</summary>
public enum Comparison
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}
