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
}
