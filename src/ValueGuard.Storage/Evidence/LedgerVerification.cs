namespace ValueGuard.Storage.Evidence;

/// <summary>
/// The outcome of checking a ledger's hash chain: how many records were checked, the head, and
/// the first record that does not verify (1-based line number) with the reason.
/// </summary>
public sealed record LedgerVerification(bool Intact, long Records, string Head, long? FirstBadLine, string? Problem);
