namespace ValueGuard.Core.Kpis;

/// <summary>The SHA-256 of the samples of one list that fall in one bucket (see <see cref="InputsDigest"/>).</summary>
public sealed record DigestChunk(long Bucket, int Count, byte[] Sha256);
