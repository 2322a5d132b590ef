using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using ValueGuard.Cli.Evaluate;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Csv;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Memory;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard evaluate --contract FILE --samples FILE.csv [--at INSTANT] [--format table|json]</c>:
/// evaluates every clause of a contract at an instant over samples from a CSV file.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var contract = new Option<string>("--contract") { Description = "The contract YAML file", Required = true };
        var samples = new Option<string>("--samples") { Description = "CSV with header timestamp,device,signal,value", Required = true };
        var at = new Option<string?>("--at") { Description = "Evaluate at this instant (ISO-8601 with offset); default: the last sample's time" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var site = new Option<string?>("--site") { Description = "A site file whose device profiles give each signal's max gap; without it every signal gets --max-gap" };
        var maxGap = new Option<string>("--max-gap") { Description = "How long a value holds when no site is given", DefaultValueFactory = _ => "5m" };
        var command = new Command("evaluate", "Evaluate a contract's clauses over samples from a CSV file") { contract, samples, at, format, site, maxGap };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(contract)!, parse.GetValue(samples)!, parse.GetValue(at), parse.GetValue(format)!,
            parse.GetValue(site), parse.GetValue(maxGap)!, Console.Out, ct).ConfigureAwait(false));
        return command;
    }

    public static async Task<int> RunAsync(string contractFile, string samplesFile, string? atText, string format, string? siteFile, string maxGapText, TextWriter output, CancellationToken ct)
    {
        if (!File.Exists(samplesFile)) return Fail(output, $"{samplesFile}: no such file");
        if (!DurationSyntax.TryParse(maxGapText, out var maxGap)) return Fail(output, $"--max-gap '{maxGapText}': {DurationSyntax.Hint}");
        var csv = SampleCsvReader.Read(samplesFile);
        if (csv.Errors.Count > 0) return Fail(output, [.. csv.Errors.Take(20), $"{csv.Errors.Count} bad line(s) in {samplesFile}; nothing evaluated"]);
        var store = new InMemoryTimeSeriesStore();
        await store.WriteAsync(csv.Samples, ct).ConfigureAwait(false);

        ISignalCatalog catalog;
        if (siteFile is not null)
        {
            var (model, errors) = SiteModelLoader.Load(siteFile);
            if (model is null) return Fail(output, [.. errors.Select(e => e.ToString())]);
            catalog = model.Catalog;
        }
        else
        {
            catalog = new SignalCatalog(store.Signals.Select(id => new SignalSpec(id, SignalKind.Float, maxGap)));
        }
        var loaded = ContractLoader.LoadFile(contractFile, catalog);
        if (loaded.Value is not { } contract) return Fail(output, [.. loaded.Errors.Select(e => e.ToString())]);

        DateTimeOffset evaluateAt;
        if (atText is not null)
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.None, out evaluateAt)) return Fail(output, $"--at '{atText}' is not an ISO-8601 instant");
        }
        else if (store.Last is { } last)
        {
            evaluateAt = last;
        }
        else
        {
            return Fail(output, $"{samplesFile} holds no samples; give --at or some samples");
        }

        var calculator = new ClauseCalculator(store, catalog);
        var rows = new List<ClauseVerdictJson>();
        foreach (var clause in contract.Clauses)
            rows.Add(ClauseVerdictJson.Of(clause, await calculator.CalculateAsync(contract, clause, evaluateAt.ToUniversalTime(), ct).ConfigureAwait(false)));

        if (format == "json") output.WriteLine(JsonSerializer.Serialize(rows, JsonlEvidenceLedger.BodyOptions));
        else WriteTable(output, contract.Id, evaluateAt, rows);
        return 0;
    }

    private static void WriteTable(TextWriter output, string contractId, DateTimeOffset at, IReadOnlyList<ClauseVerdictJson> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160;
        var table = new Table().Title($"{contractId} at {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}").AddColumns("Clause", "KPI", "Value", "Target", "Coverage", "Window", "Verdict", "Samples");
        foreach (var r in rows)
        {
            var unit = r.Unit switch { "ratio" => QuantityUnit.Percent, "seconds" => QuantityUnit.Duration, _ => QuantityUnit.Number };
            table.AddRow(Markup.Escape(r.Clause), r.Kpi, Markup.Escape(r.Value is { } v ? Quantity.Format(v, unit) : "-"), Markup.Escape(r.Target),
                Quantity.Format(r.Coverage, QuantityUnit.Percent),
                Markup.Escape(r.WindowFrom is { } f ? $"[{f.UtcDateTime:yyyy-MM-dd HH:mm}, {r.WindowTo!.Value.UtcDateTime:yyyy-MM-dd HH:mm}) UTC" : r.Note ?? "-"),
                r.Verdict, r.Samples.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    private static int Fail(TextWriter output, params string[] lines)
    {
        foreach (var l in lines) output.WriteLine(l);
        return 2;
    }
}
