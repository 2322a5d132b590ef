namespace ValueGuard.EdgeHub.Authentication;

/// <summary>A module SAS token and the instant it expires. <see cref="ToString"/> hides the signature.</summary>
public sealed record SasToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"SAS token expiring {ExpiresAt:u}";
}
