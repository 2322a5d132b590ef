using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using ValueGuard.Cli.Demo;

namespace ValueGuard.Cli.Commands;

/// <summary><c>valueguard demo [--out DIR]</c>: the whole pipeline on embedded defaults, in under a minute.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var outOption = new Option<string>("--out")
        {
            Description = "Folder for the report, tickets, store, state and evidence ledger",
            DefaultValueFactory = _ => "valueguard-demo",
        };
        var command = new Command("demo", "Run a simulated press line through ingest, evaluation, tickets and a report, with nothing installed") { outOption };
        command.SetAction(async (parse, ct) =>
        {
            using var host = HostFactory.Create(parse.GetValue(GlobalOptions.LogFormatOption)!).Build();
            var runner = new DemoRunner(host.Services.GetRequiredService<ILoggerFactory>());
            var outcome = await runner.RunAsync(parse.GetValue(outOption)!, ct).ConfigureAwait(false);
            DemoSummary.Write(AnsiConsole.Console, outcome);
            return 0;
        });
        return command;
    }
}
