using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ValueGuard.Cli.Logging;

/// <summary>Builds the Serilog logger: text for people or compact JSON for machines, always on stderr.</summary>
internal static class LogFormat
{
    public const string Text = "text";
    public const string Json = "json";

    public static Serilog.ILogger Create(string format, LogEventLevel minimum)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        config = format == Json
            ? config.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return config.CreateLogger();
    }
}
