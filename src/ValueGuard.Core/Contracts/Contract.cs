using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Contracts;

/// <summary>A customer contract with its value commitments.</summary>
public sealed record Contract(
    string Id,
    string Customer,
    string TimeZone,
    DateTimeOffset GoLive,
    ContractOwners Owners,
    IReadOnlyList<Clause> Clauses)
{
    /// <summary>SHA-256 of the contract's source text, recorded in the evidence ledger.</summary>
    public string SourceSha256 { get; init; } = string.Empty;

    public ContractTimeline Timeline => new(GoLive);
}
