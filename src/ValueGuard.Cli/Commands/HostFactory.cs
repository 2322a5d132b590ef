using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using ValueGuard.Cli.Logging;

namespace ValueGuard.Cli.Commands;

/// <summary>The Generic Host every long-running command runs in, with Serilog as its logger.</summary>
internal static class HostFactory
{
    public static HostApplicationBuilder Create(string logFormat, LogEventLevel minimum = LogEventLevel.Information)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(LogFormat.Create(logFormat, minimum), dispose: true);
        return builder;
    }
}
