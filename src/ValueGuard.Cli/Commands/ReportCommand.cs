using System.CommandLine;
using ValueGuard.Cli.Demo;
using ValueGuard.Cli.Report;
using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Reports;
using ValueGuard.Reporting.Labels;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard report --contract ID --from DATE --to DATE --format html|pdf|csv|json --lang en|zh-CN --out FILE (--site FILE | --data DIR)</c>:
/// the compliance report of one contract over <c>[from, to)</c> from a site's store, ledger and outbox, or a demo's output folder.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var contract = new Option<string>("--contract") { Description = "The contract id (e.g. ACME-2026-017)", Required = true };
        var from = new Option<string>("--from") { Description = "Start of the period: a date (start of that day in the contract's zone) or an ISO-8601 instant", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period, exclusive: a date or an instant", Required = true };
        var format = new Option<string>("--format") { Description = "html, pdf, csv or json", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong([.. ReportOutput.Formats]);
        var lang = new Option<string>("--lang") { Description = "Label language: en or zh-CN", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong([.. ReportLabels.Supported]);
        var output = new Option<string>("--out") { Description = "The file to write", Required = true };
        var site = new Option<string?>("--site") { Description = "The site file; its data folder holds store, ledger and outbox" };
        var data = new Option<string?>("--data") { Description = "A demo output folder (or a data folder); without --site the shipped example site is used" };
        var command = new Command("report", "Write the compliance report of a contract over a period (HTML, PDF, CSV or JSON)") { contract, from, to, format, lang, output, site, data };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(contract)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(format)!,
            parse.GetValue(lang)!, parse.GetValue(output)!, parse.GetValue(site), parse.GetValue(data), Console.Out, ct).ConfigureAwait(false));
        return command;
    }

    public static async Task<int> RunAsync(string contractId, string fromText, string toText, string format, string lang, string outFile,
        string? siteFile, string? dataDirectory, TextWriter output, CancellationToken ct)
    {
        if (siteFile is null && dataDirectory is null) return Fail(output, "give --site FILE or --data DIR");
        var (model, errors) = SiteModelLoader.Load(siteFile ?? DemoRunner.ExampleSite);
        if (model is null) return Fail(output, [.. errors.Select(e => e.ToString())]);
        var contract = model.Contracts.FirstOrDefault(c => c.Id == contractId);
        if (contract is null) return Fail(output, $"--contract '{contractId}': the site has {string.Join(", ", model.Contracts.Select(c => c.Id))}");
        if (!ReportPeriod.TryParse(fromText, contract.Zone, out var from)) return Fail(output, $"--from '{fromText}': write a date (2026-03-01) or an instant with an offset (2026-03-01T08:00:00+08:00)");
        if (!ReportPeriod.TryParse(toText, contract.Zone, out var to)) return Fail(output, $"--to '{toText}': write a date (2026-04-01) or an instant with an offset");
        if (to <= from) return Fail(output, $"--to {toText} is not after --from {fromText}");

        var paths = new GatewayPaths(DataFolder(dataDirectory) ?? model.Site.DataDirectory);
        if (model.Site.Store is not null && dataDirectory is null)
            return Fail(output, $"the site keeps its samples in InfluxDB; reports read the embedded store only so far (give --data with an embedded store)");
        if (!File.Exists(paths.Samples)) return Fail(output, $"{paths.Samples}: no embedded store there; give the data folder with --data");

        using var store = new EmbeddedTimeSeriesStore(paths.Samples);
        var tickets = Array.Empty<OutboxEntry>() as IReadOnlyList<OutboxEntry>;
        if (File.Exists(paths.Outbox))
        {
            using var outbox = new EscalationOutbox(paths.Outbox);
            tickets = await outbox.AllAsync(ct).ConfigureAwait(false);
        }
        var ledger = File.Exists(paths.Ledger) ? LedgerVerifier.Verify(paths.Ledger) : new LedgerVerification(true, 0, Core.Evidence.EvidenceChain.Genesis, null, null);
        var sources = new ReportSources(model, store, LedgerHistory.Read(paths.Ledger), ledger, tickets);
        var report = await ComplianceReportBuilder.BuildAsync(sources, contractId, from, to, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
        await ReportOutput.WriteAsync(report, format, ReportLabels.For(lang), outFile, ct).ConfigureAwait(false);
        output.WriteLine($"Report: {Path.GetFullPath(outFile)} ({format}, {lang}; {report.Clauses.Count} clause(s), {report.Episodes.Count} breach episode(s); " +
            $"period [{from.UtcDateTime:yyyy-MM-dd HH:mm}, {to.UtcDateTime:yyyy-MM-dd HH:mm}) UTC; ledger head {ledger.Head}{(ledger.Intact ? string.Empty : ", CHAIN BROKEN")})");
        return 0;
    }

    /// <summary>A demo output folder holds its data in <c>data/</c>; anything else is the data folder itself.</summary>
    private static string? DataFolder(string? dir) =>
        dir is null ? null : File.Exists(Path.Combine(dir, "data", "samples.db")) ? Path.Combine(dir, "data") : dir;

    private static int Fail(TextWriter output, params string[] lines)
    {
        foreach (var l in lines) output.WriteLine(l);
        return 2;
    }
}
