using System.Text;
using ValueGuard.Core.Evidence;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

public class EvidenceLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<string> WriteLedger(TempDirectory dir, int records)
    {
        var path = dir.File("ledger.jsonl");
        using var ledger = new JsonlEvidenceLedger(path);
        for (var i = 0; i < records; i++)
            await ledger.AppendAsync("transition", T0.AddHours(i), new { clause = "c" + i, value = i * 0.5 }, default);
        return path;
    }

    [Fact]
    public async Task An_untouched_ledger_verifies_and_names_its_head()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.jsonl");
        string head;
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            await ledger.AppendAsync("a", T0, new { n = 1 }, default);
            var last = await ledger.AppendAsync("b", T0.AddHours(1), new { n = 2 }, default);
            head = ledger.Head;
            Assert.Equal(last.Hash, head);
        }

        var result = LedgerVerifier.Verify(path);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2, result.Records);
        Assert.Equal(head, result.Head);
    }

    [Fact]
    public async Task Reopening_continues_the_chain()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 3);

        using (var ledger = new JsonlEvidenceLedger(path))
        {
            Assert.Equal(3, ledger.Count);
            await ledger.AppendAsync("more", T0, new { n = 4 }, default);
        }

        Assert.True(LedgerVerifier.Verify(path).Intact);
    }

    [Fact]
    public async Task A_flipped_byte_is_detected_and_named()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 5);
        var bytes = await File.ReadAllBytesAsync(path);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var offset = Encoding.UTF8.GetByteCount(string.Join('\n', lines.Take(2)) + "\n") + lines[2].IndexOf("\"c2\"", StringComparison.Ordinal) + 2;
        bytes[offset] ^= 0x01; // "c2" becomes "b2" on line 3
        await File.WriteAllBytesAsync(path, bytes);

        var result = LedgerVerifier.Verify(path);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Contains("does not match its hash", result.Problem);
    }

    [Fact]
    public async Task A_deleted_record_is_detected()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 5);
        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        lines.RemoveAt(2);
        await File.WriteAllLinesAsync(path, lines);

        var result = LedgerVerifier.Verify(path);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadLine);
        Assert.Contains("does not link", result.Problem);
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_off_and_reported_and_the_chain_goes_on()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 3);
        await File.AppendAllTextAsync(path, """{"seq":4,"at":"2026-03-01T00:00""");

        using (var ledger = new JsonlEvidenceLedger(path))
        {
            Assert.True(ledger.RepairedTail > 0);
            Assert.Equal(3, ledger.Count);
            await ledger.AppendAsync("after-crash", T0, new { n = 4 }, default);
        }

        var result = LedgerVerifier.Verify(path);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public void An_empty_ledger_starts_at_genesis()
    {
        using var dir = new TempDirectory();
        using var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl"));

        Assert.Equal(EvidenceChain.Genesis, ledger.Head);
    }
}
