using System.CommandLine;
using ValueGuard.Core.Commitments;

namespace ValueGuard.Cli.Commands;

/// <summary><c>valueguard states --format mermaid|dot</c>: the commitment state graph, exported from the real machine.</summary>
internal static class StatesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("states", "Print the commitment state machine every clause runs through") { format };
        command.SetAction(parse =>
        {
            Console.Out.WriteLine(parse.GetValue(format) == "dot" ? Commitment.ToDot() : Commitment.ToMermaid());
            return 0;
        });
        return command;
    }
}
