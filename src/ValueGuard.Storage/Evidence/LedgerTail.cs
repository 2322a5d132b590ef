using ValueGuard.Core.Evidence;

namespace ValueGuard.Storage.Evidence;

/// <summary>
/// Where a crash can damage a ledger: its tail. A record is flushed to disk before the next is written, so a power
/// cut can only leave the last line torn, or filled with zeros or stale bytes by the file system. Damage followed by
/// a record that verifies on its own is not a crash's: that is left for <c>valueguard verify</c> to report.
/// </summary>
public static class LedgerTail
{
    /// <summary>True when no line from <paramref name="firstBad"/> (0-based) on holds a record whose content matches its hash.</summary>
    public static bool IsDamagedTail(IReadOnlyList<string> lines, int firstBad)
    {
        for (var i = firstBad; i < lines.Count; i++)
        {
            if (EvidenceChain.TryOpen(lines[i], out var unsigned, out var claimed) && EvidenceChain.HashOf(unsigned) == claimed)
                return false;
        }
        return true;
    }
}
