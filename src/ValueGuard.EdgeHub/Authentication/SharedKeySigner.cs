using System.Security.Cryptography;

namespace ValueGuard.EdgeHub.Authentication;

/// <summary>Signs with a module key held in the process (the <c>EdgeHubConnectionString</c> form).</summary>
public sealed class SharedKeySigner(byte[] key) : ISasSigner
{
    public Task<string> SignAsync(byte[] data, CancellationToken ct) =>
        Task.FromResult(Convert.ToBase64String(HMACSHA256.HashData(key, data)));
}
