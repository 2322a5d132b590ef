using ValueGuard.Core.Evidence;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// What an append did: the record's sequence when the batch is in the spool (null when the policy
/// <see cref="SpoolFullPolicy.RejectNewest"/> dropped it), and every loss it caused, which the caller must record.
/// </summary>
public sealed record SpoolAppendResult(long? Sequence, IReadOnlyList<DataLossNotice> Losses);
