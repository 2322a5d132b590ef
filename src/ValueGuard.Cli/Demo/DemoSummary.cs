using Spectre.Console;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Cli.Demo;

/// <summary>Prints the demo's result as a table and says where everything is.</summary>
internal static class DemoSummary
{
    public static void Write(IAnsiConsole console, DemoOutcome outcome)
    {
        // Redirected output (CI logs, pipes) has no width; do not wrap the table at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        var table = new Table().Title("ValueGuard demo: ACME-2026-017").AddColumns("Clause", "KPI value", "Target", "Coverage", "Verdict", "State", "Ticket");
        foreach (var s in outcome.Clauses)
        {
            var verdict = s.Verdict?.Label() ?? "SCHEDULED";
            var colour = s.Verdict switch
            {
                Verdict.Met => "green",
                Verdict.AtRisk => "yellow",
                Verdict.Breached => "red",
                _ => "grey",
            };
            table.AddRow(
                Markup.Escape(s.Clause.Id.Value),
                Markup.Escape(s.Result?.FormatValue() ?? "-"),
                Markup.Escape(s.Clause.Target.ToString()),
                Markup.Escape(s.Result is null ? "-" : Quantity.Format(s.Result.Coverage, QuantityUnit.Percent)),
                $"[{colour}]{verdict}[/]",
                Markup.Escape(s.Snapshot.State.ToString()),
                Markup.Escape(outcome.TicketByClause.GetValueOrDefault(s.Clause.Id.Value, "-")));
        }
        console.Write(table);
        console.WriteLine($"Messages published over MQTT: {outcome.MessagesPublished}; samples stored: {outcome.SamplesStored}; took {outcome.Elapsed.TotalSeconds:0.0} s");
        console.WriteLine($"Report:          {outcome.ReportPath}");
        console.WriteLine($"Tickets:         {outcome.TicketDirectory}");
        console.WriteLine($"Data and state:  {outcome.DataDirectory}");
        console.WriteLine($"Evidence ledger: {outcome.LedgerPath} ({outcome.LedgerRecords} records, head {outcome.LedgerHead})");
    }
}
