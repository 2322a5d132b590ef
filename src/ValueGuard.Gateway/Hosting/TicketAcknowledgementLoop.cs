using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Reads two-way tickets back (<see cref="Operators.TicketAcknowledgementPoller"/>): checks every second which
/// sink's <c>two_way.poll_every</c> has passed. Does nothing on a site without two-way sinks.
/// </summary>
public sealed partial class TicketAcknowledgementLoop : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly GatewayRuntime runtime;
    private readonly ILogger<TicketAcknowledgementLoop> log;

    public TicketAcknowledgementLoop(GatewayRuntime runtime, ILogger<TicketAcknowledgementLoop> log)
    {
        this.runtime = runtime;
        this.log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!runtime.TicketAcknowledgements.Any) return;
        // Wall-clock pacing of remote polls: not domain time, so not the gateway's TimeProvider.
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await runtime.TicketAcknowledgements.PollDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 3103, EventName = "TicketPollRoundFailed", Level = LogLevel.Error, Message = "Reading two-way tickets back failed; the next round tries again")]
    private partial void LogFailed(Exception error);
}
