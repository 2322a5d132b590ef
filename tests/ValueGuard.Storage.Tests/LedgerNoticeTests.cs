using ValueGuard.Core.Evidence;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

public sealed class LedgerNoticeTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Spool_damage_notices_name_the_counted_records_and_samples_and_read_records_written_before_the_counts()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.jsonl");
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            // As written before records_cut existed, then as written now: counted records and bytes that are not.
            await ledger.AppendAsync(EvidenceKinds.DataLoss, At, new { Source = "spool", LostBytes = 117, DamagedRegions = 1, RecordsKept = 2, Explanation = "cut" }, default);
            await ledger.AppendAsync(EvidenceKinds.DataLoss, At, new
            {
                Source = "spool", LostBytes = 300, DamagedRegions = 2, RecordsKept = 5, Explanation = "cut", RecordsCut = 2, SamplesCut = 6, UncountedBytes = 66,
            }, default);
            await ledger.AppendAsync(EvidenceKinds.DataLoss, At, new
            {
                Source = "spool", LostBytes = 117, DamagedRegions = 1, RecordsKept = 2, Explanation = "cut", RecordsCut = 1, SamplesCut = 3, UncountedBytes = 0,
            }, default);
        }

        var notices = LedgerNotice.Read(path);

        Assert.True(LedgerVerifier.Verify(path).Intact);
        Assert.Equal(
        [
            "spool: 117 bytes in 1 damaged region(s) cut, 2 records kept (cut)",
            "spool: 300 bytes in 2 damaged region(s) cut, holding 2 whole record(s) with 6 sample(s) and 66 bytes whose samples cannot be counted, 5 records kept (cut)",
            "spool: 117 bytes in 1 damaged region(s) cut, holding 1 whole record(s) with 3 sample(s), 2 records kept (cut)",
        ], notices.Select(n => n.Summary));
    }
}
