using System.CommandLine;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard verify --ledger PATH</c>: recomputes the evidence ledger's hash chain and prints MATCH
/// with the head, or the first record that does not verify.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var ledgerOption = new Option<string>("--ledger") { Description = "The evidence ledger (ledger.jsonl in the gateway's data folder)", Required = true };
        var command = new Command("verify", "Recompute the evidence ledger's hash chain; a report's ledger head must match") { ledgerOption };
        command.SetAction(parse => Run(parse.GetValue(ledgerOption)!, Console.Out));
        return command;
    }

    public static int Run(string ledger, TextWriter output)
    {
        if (!File.Exists(ledger))
        {
            output.WriteLine($"{ledger}: no such ledger file");
            return 2;
        }
        var result = LedgerVerifier.Verify(ledger);
        if (result.Intact)
        {
            output.WriteLine($"MATCH: {result.Records} records, head {result.Head}");
            return 0;
        }
        output.WriteLine($"MISMATCH at {ledger}:{result.FirstBadLine}: {result.Problem}");
        output.WriteLine($"The {result.Records} records before it verify; their head is {result.Head}");
        return 1;
    }
}
