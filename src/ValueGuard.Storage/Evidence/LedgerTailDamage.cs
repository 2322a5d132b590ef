namespace ValueGuard.Storage.Evidence;

/// <summary>
/// What <see cref="JsonlEvidenceLedger"/> cut off a damaged tail when it opened the ledger: the bytes and lines, the
/// first damaged line (1-based) and why it did not verify, the records kept, the SHA-256 of the cut bytes and the
/// file they were saved to (<c>ledger.jsonl.damaged-N</c>, next to the ledger), so nothing is destroyed.
/// </summary>
public sealed record LedgerTailDamage(long CutBytes, int CutLines, long FirstBadLine, long RecordsKept, string Problem, string CutSha256, string SavedTo);
