namespace ValueGuard.Core.Contracts;

/// <summary>The id of a clause within its contract, for example <c>downtime-first-90d</c>.</summary>
public readonly record struct ClauseId(string Value)
{
    public override string ToString() => Value;
}
