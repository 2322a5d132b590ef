using System.CommandLine;
using ValueGuard.Cli.Logging;

namespace ValueGuard.Cli.Commands;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> LogFormatOption = new("--log-format")
    {
        Description = "Log format on stderr: text (for people) or json (compact JSON lines for log shippers)",
        DefaultValueFactory = _ => LogFormat.Text,
        Recursive = true,
    };

    static GlobalOptions()
    {
        LogFormatOption.AcceptOnlyFromAmong(LogFormat.Text, LogFormat.Json);
    }
}
