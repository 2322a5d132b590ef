using System.Security.Cryptography;
using System.Text;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

/// <summary>A crash-damaged ledger tail: cut at open, saved, described; damage in the middle is never cut.</summary>
public class LedgerTailDamageTests
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

    private static void FlipByteOfLastRecord(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var lastStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        bytes[lastStart + 20] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public async Task A_last_record_with_a_flipped_byte_is_cut_saved_and_described()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 4);
        var lastLine = File.ReadAllLines(path)[^1];
        FlipByteOfLastRecord(path);
        var damaged = File.ReadAllLines(path)[^1] + "\n";

        using (var ledger = new JsonlEvidenceLedger(path))
        {
            var damage = Assert.IsType<LedgerTailDamage>(ledger.TailDamage);
            Assert.Equal(3, ledger.Count);
            Assert.Equal(4, damage.FirstBadLine);
            Assert.Equal(1, damage.CutLines);
            Assert.Equal(3, damage.RecordsKept);
            Assert.Equal(Encoding.UTF8.GetByteCount(damaged), damage.CutBytes);
            Assert.Equal(damaged, File.ReadAllText(damage.SavedTo));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(damaged))), damage.CutSha256);
            Assert.NotEqual(lastLine + "\n", damaged);
            await ledger.AppendAsync("after-crash", T0, new { n = 4 }, default);
        }

        var result = LedgerVerifier.Verify(path);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public async Task A_zero_filled_tail_ending_in_a_line_end_is_cut()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 3);
        await File.AppendAllTextAsync(path, new string('\0', 4096) + "\n" + new string('\0', 100) + "\n");

        using var ledger = new JsonlEvidenceLedger(path);

        Assert.Equal(3, ledger.Count);
        Assert.Equal(2, ledger.TailDamage!.CutLines);
        Assert.Equal(4198, ledger.TailDamage.CutBytes);
        Assert.True(LedgerVerifier.Verify(path).Intact);
    }

    [Fact]
    public async Task A_whole_last_record_that_only_lost_its_line_end_is_kept()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 3);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.TrimEnd('\n'));

        using (var ledger = new JsonlEvidenceLedger(path))
        {
            Assert.Null(ledger.TailDamage);
            Assert.Equal(3, ledger.Count);
            await ledger.AppendAsync("after-crash", T0, new { n = 4 }, default);
        }

        Assert.Equal(4, LedgerVerifier.Verify(path).Records);
    }

    [Fact]
    public async Task Damage_followed_by_verifying_records_is_not_cut_and_verify_names_it()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 5);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"c2\"", "\"cX\"", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        var before = File.ReadAllBytes(path);

        using (var ledger = new JsonlEvidenceLedger(path))
            Assert.Null(ledger.TailDamage);

        Assert.Equal(before, File.ReadAllBytes(path));
        var result = LedgerVerifier.Verify(path);
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadLine);
        Assert.DoesNotContain("tail", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_before_the_gateway_restarts_calls_a_damaged_tail_a_damaged_tail()
    {
        using var dir = new TempDirectory();
        var path = await WriteLedger(dir, 4);
        FlipByteOfLastRecord(path);

        var result = LedgerVerifier.Verify(path);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadLine);
        Assert.Contains("tail is damaged", result.Problem, StringComparison.Ordinal);
        Assert.Contains("ledger-damage", result.Problem, StringComparison.Ordinal);
    }
}
