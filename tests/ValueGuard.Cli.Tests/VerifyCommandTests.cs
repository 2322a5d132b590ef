using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class VerifyCommandTests
{
    [Fact]
    public async Task Verify_names_the_record_whose_byte_was_changed_and_exits_1()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.jsonl");
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            for (var i = 0; i < 4; i++)
                await ledger.AppendAsync("transition", DateTimeOffset.UnixEpoch.AddHours(i), new { clause = "press-availability", level = i }, default);
        }
        var lines = await File.ReadAllLinesAsync(path);
        lines[1] = lines[1].Replace("\"level\":1", "\"level\":7", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);

        var output = new StringWriter();
        var exit = Commands.VerifyCommand.Run(path, output);

        Assert.Equal(1, exit);
        Assert.Contains($"MISMATCH at {path}:2:", output.ToString());
    }

    [Fact]
    public async Task Verify_matches_a_ledger_whose_damaged_tail_was_cut_and_prints_the_ledger_damage_note()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.jsonl");
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            for (var i = 0; i < 3; i++)
                await ledger.AppendAsync("transition", DateTimeOffset.UnixEpoch.AddHours(i), new { clause = "press-availability", level = i }, default);
        }
        await File.AppendAllTextAsync(path, new string('\0', 512) + "\n");
        using (var ledger = new JsonlEvidenceLedger(path))
        {
            var damage = ledger.TailDamage!;
            await ledger.AppendAsync("ledger-damage", DateTimeOffset.UnixEpoch.AddHours(4), Gateway.Hosting.LedgerDamageEvidence.Of(damage), default);
        }

        var output = new StringWriter();
        var exit = Commands.VerifyCommand.Run(path, output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("MATCH: 4 records", text, StringComparison.Ordinal);
        Assert.Contains("NOTE: ledger-damage (record 4, 1970-01-01T04:00:00Z): 1 damaged line(s), 513 bytes cut from line 4", text, StringComparison.Ordinal);
        Assert.Contains("ledger.jsonl.damaged-4", text, StringComparison.Ordinal);
    }
}
