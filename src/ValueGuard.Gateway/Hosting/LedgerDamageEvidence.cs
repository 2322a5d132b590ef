using ValueGuard.Storage.Evidence;

namespace ValueGuard.Gateway.Hosting;

/// <summary>The body of a "ledger-damage" evidence record: what the ledger cut off its damaged tail at start (see <see cref="LedgerTailDamage"/>).</summary>
public sealed record LedgerDamageEvidence(long CutBytes, int CutLines, long FirstBadLine, long RecordsKept, string Problem, string CutSha256, string SavedTo, string Explanation)
{
    public static LedgerDamageEvidence Of(LedgerTailDamage damage) =>
        new(damage.CutBytes, damage.CutLines, damage.FirstBadLine, damage.RecordsKept, damage.Problem, damage.CutSha256, damage.SavedTo,
            "a crash damaged the ledger's last record(s): they were cut off at start and saved unchanged in saved_to; "
            + "the records before them verify, what the cut ones said cannot be verified");
}
