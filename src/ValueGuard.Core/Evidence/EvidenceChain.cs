using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.Core.Evidence;

/// <summary>
/// The hash chain rule. A record is stored as one JSON object; its hash is the SHA-256 (lower-case hex)
/// of that object's UTF-8 text without the trailing <c>"hash"</c> member, and the text carries
/// the previous record's hash in <c>"prev"</c>. The first record's <c>prev</c> is <see cref="Genesis"/>.
/// </summary>
public static class EvidenceChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private const string HashMember = ",\"hash\":\"";

    public static string HashOf(string unsignedJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unsignedJson)));

    /// <summary>Appends the hash member to a record's JSON text (which must end with '}').</summary>
    public static string Seal(string unsignedJson, out string hash)
    {
        if (!unsignedJson.EndsWith('}')) throw new ArgumentException("A record must be a JSON object.", nameof(unsignedJson));
        hash = HashOf(unsignedJson);
        return string.Concat(unsignedJson.AsSpan(0, unsignedJson.Length - 1), HashMember, hash, "\"}");
    }

    /// <summary>Splits a stored line into the text that was hashed and the hash it claims.</summary>
    public static bool TryOpen(string line, out string unsignedJson, out string claimedHash)
    {
        unsignedJson = claimedHash = string.Empty;
        var at = line.LastIndexOf(HashMember, StringComparison.Ordinal);
        if (at < 0 || !line.EndsWith("\"}", StringComparison.Ordinal)) return false;
        claimedHash = line[(at + HashMember.Length)..^2];
        unsignedJson = string.Concat(line.AsSpan(0, at), "}");
        return claimedHash.Length == 64;
    }
}
