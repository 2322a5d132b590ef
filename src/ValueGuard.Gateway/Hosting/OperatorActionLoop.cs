using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Applies queued operator actions (written by <c>valueguard ack|snooze|waive</c>) every
/// <see cref="Interval"/>, so the command sees its action applied within a moment while the gateway runs.
/// </summary>
public sealed partial class OperatorActionLoop(GatewayRuntime runtime, ILogger<OperatorActionLoop> log) : PeriodicPass(Interval)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => runtime.OperatorActions.ApplyQueuedAsync(cancellationToken);

    protected override void LogPassFailed(Exception error) => LogFailed(error);

    [LoggerMessage(EventId = 2011, EventName = "OperatorActionsFailed", Level = LogLevel.Error, Message = "Applying queued operator actions failed; the next pass retries them")]
    private partial void LogFailed(Exception error);
}
