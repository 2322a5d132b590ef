namespace ValueGuard.Core.Contracts;

/// <summary>Who on the vendor side answers for a contract.</summary>
public sealed record ContractOwners(string? Sales, string? Delivery, string? CustomerSuccess);
