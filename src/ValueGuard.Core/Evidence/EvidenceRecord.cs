namespace ValueGuard.Core.Evidence;

/// <summary>
/// One record of the evidence ledger, as stored: the JSON text it was hashed from and the hash.
/// <see cref="PreviousHash"/> links it to the record before it.
/// </summary>
public sealed record EvidenceRecord(long Sequence, DateTimeOffset At, string Kind, string PreviousHash, string Hash);
