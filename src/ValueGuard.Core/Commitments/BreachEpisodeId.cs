namespace ValueGuard.Core.Commitments;

/// <summary>
/// The stable id of one breach of one clause: <c>{contract}/{clause}/{n}</c>. Tickets are keyed by it.
/// </summary>
public readonly record struct BreachEpisodeId(string ContractId, string ClauseId, int Number)
{
    public override string ToString() => $"{ContractId}/{ClauseId}/{Number}";

    /// <summary>A form safe for file names and URLs.</summary>
    public string ToSlug() => $"{ContractId}__{ClauseId}__{Number}";
}
