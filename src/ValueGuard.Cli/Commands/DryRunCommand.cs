using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Quantities;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Embedded;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard dry-run --site FILE --last 24h</c>: evaluates the site's clauses over the data already in
/// its store and shows the transitions and ticket actions that would fire, without writing anything.
/// </summary>
internal static class DryRunCommand
{
    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var last = new Option<string>("--last") { Description = "How far back to replay", DefaultValueFactory = _ => "24h" };
        var step = new Option<string>("--step") { Description = "Evaluation step", DefaultValueFactory = _ => "1h" };
        var at = new Option<string?>("--at") { Description = "End of the replay (ISO-8601); default: now" };
        var command = new Command("dry-run", "Show what the site's clauses would have done over the last hours of stored data; writes nothing") { site, last, step, at };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(site)!, parse.GetValue(last)!, parse.GetValue(step)!, parse.GetValue(at), Console.Out, ct).ConfigureAwait(false));
        return command;
    }

    public static async Task<int> RunAsync(string siteFile, string lastText, string stepText, string? atText, TextWriter output, CancellationToken ct)
    {
        if (!DurationSyntax.TryParse(lastText, out var last) || !DurationSyntax.TryParse(stepText, out var step) || step <= TimeSpan.Zero)
        {
            output.WriteLine($"--last '{lastText}' / --step '{stepText}': {DurationSyntax.Hint}");
            return 2;
        }
        var (model, errors) = SiteModelLoader.Load(siteFile);
        if (model is null)
        {
            foreach (var e in errors) output.WriteLine(e);
            return 2;
        }
        var samples = new GatewayPaths(model.Site.DataDirectory).Samples;
        if (!File.Exists(samples))
        {
            output.WriteLine($"{samples}: the site has no stored data yet; run the gateway first (valueguard run --site {siteFile})");
            return 2;
        }
        var to = atText is null ? TimeProvider.System.GetUtcNow() : DateTimeOffset.Parse(atText, CultureInfo.InvariantCulture);
        using var store = new EmbeddedTimeSeriesStore(samples);
        var lost = LostTimeLedger.Load(new GatewayPaths(model.Site.DataDirectory).Ledger);
        var events = await DryRun.RunAsync(model, store, to - last, to, step, ct, lost).ConfigureAwait(false);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160;
        var table = new Table().Title($"Dry run of {model.Site.Id} from {(to - last).UtcDateTime:yyyy-MM-dd HH:mm} to {to.UtcDateTime:yyyy-MM-dd HH:mm} UTC, every {DurationSyntax.Format(step)}")
            .AddColumns("At (UTC)", "Clause", "Transition", "Verdict", "KPI", "Coverage", "Would send");
        foreach (var e in events)
        {
            table.AddRow($"{e.At.UtcDateTime:yyyy-MM-dd HH:mm}", Markup.Escape($"{e.ContractId}/{e.ClauseId}"), $"{e.From} -> {e.To}", e.Verdict,
                Markup.Escape(e.Value), Quantity.Format(e.Coverage, QuantityUnit.Percent), e.Action?.ToString().ToLowerInvariant() ?? "-");
        }
        console.Write(table);
        output.WriteLine($"{events.Count} transition(s), {events.Count(e => e.Action is not null)} ticket action(s) would fire. Nothing was written.");
        return 0;
    }
}
