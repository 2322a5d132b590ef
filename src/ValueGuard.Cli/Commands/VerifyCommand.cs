using System.CommandLine;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard verify --ledger PATH [--site FILE [--data DIR]]</c>: recomputes the evidence ledger's hash
/// chain and prints MATCH with the head and a NOTE per recorded loss, ledger damage or clock event, or the first
/// record that does not verify (saying when that is a crash-damaged tail); with a site, it also
/// re-evaluates every recorded KPI result from the raw data in the site's embedded store.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var ledgerOption = new Option<string>("--ledger") { Description = "The evidence ledger (ledger.jsonl in the gateway's data folder)", Required = true };
        var siteOption = new Option<string?>("--site") { Description = "Also re-evaluate every recorded verdict from the raw data of this site" };
        var dataOption = new Option<string?>("--data") { Description = "The site's data folder, when it is not the one the site file names (e.g. a demo's DIR/data)" };
        var command = new Command("verify", "Recompute the evidence ledger's hash chain (and, with --site, every recorded verdict from the raw data)") { ledgerOption, siteOption, dataOption };
        command.SetAction(async (parse, ct) =>
        {
            var ledger = parse.GetValue(ledgerOption)!;
            var exit = Run(ledger, Console.Out);
            if (exit != 0 || parse.GetValue(siteOption) is not { } site) return exit;
            return await ReevaluateAsync(ledger, site, parse.GetValue(dataOption), Console.Out, ct).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> ReevaluateAsync(string ledger, string siteFile, string? dataDirectory, TextWriter output, CancellationToken ct)
    {
        var (model, errors) = SiteModelLoader.Load(siteFile);
        if (model is null)
        {
            foreach (var e in errors) output.WriteLine(e);
            return 2;
        }
        var samples = new GatewayPaths(dataDirectory ?? model.Site.DataDirectory).Samples;
        if (!File.Exists(samples))
        {
            output.WriteLine($"{samples}: no embedded store there; give the data folder with --data");
            return 2;
        }
        using var store = new EmbeddedTimeSeriesStore(samples);
        var check = await LedgerReevaluation.RunAsync(ledger, model, store, ct).ConfigureAwait(false);
        if (check.AllMatch)
        {
            output.WriteLine($"MATCH: re-evaluated {check.Checked} recorded verdicts from the raw data; all agree" +
                (check.Skipped > 0 ? $" ({check.Skipped} recorded under another contract version were not checked)" : string.Empty));
            return 0;
        }
        output.WriteLine($"MISMATCH at {ledger}:{check.FirstDifferingLine}: {check.Problem}");
        return 1;
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
            // The chain verifies, and these are what it says went wrong: never hidden behind a MATCH.
            foreach (var notice in LedgerNotice.Read(ledger)) output.WriteLine($"NOTE: {notice}");
            return 0;
        }
        output.WriteLine($"MISMATCH at {ledger}:{result.FirstBadLine}: {result.Problem}");
        output.WriteLine($"The {result.Records} records before it verify; their head is {result.Head}");
        return 1;
    }
}
