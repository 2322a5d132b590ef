using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Applies queued operator actions (written by <c>valueguard ack|snooze|waive</c>) every
/// <see cref="Interval"/>, so the command sees its action applied within a moment while the gateway runs.
/// </summary>
public sealed partial class OperatorActionLoop : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly GatewayRuntime runtime;
    private readonly ILogger<OperatorActionLoop> log;

    public OperatorActionLoop(GatewayRuntime runtime, ILogger<OperatorActionLoop> log)
    {
        this.runtime = runtime;
        this.log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock polling of a local file: not domain time, so not the gateway's TimeProvider.
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await runtime.OperatorActions.ApplyQueuedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 2011, EventName = "OperatorActionsFailed", Level = LogLevel.Error, Message = "Applying queued operator actions failed; the next pass retries them")]
    private partial void LogFailed(Exception error);
}
