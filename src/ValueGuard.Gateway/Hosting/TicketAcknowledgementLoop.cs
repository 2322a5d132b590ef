using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Reads two-way tickets back (<see cref="Operators.TicketAcknowledgementPoller"/>): checks every second which
/// sink's <c>two_way.poll_every</c> has passed. Does nothing on a site without two-way sinks.
/// </summary>
public sealed partial class TicketAcknowledgementLoop(GatewayRuntime runtime, ILogger<TicketAcknowledgementLoop> log) : PeriodicPass(TimeSpan.FromSeconds(1))
{
    protected override bool Enabled => runtime.TicketAcknowledgements.Any;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => runtime.TicketAcknowledgements.PollDueAsync(cancellationToken);

    protected override void LogPassFailed(Exception error) => LogFailed(error);

    [LoggerMessage(EventId = 3103, EventName = "TicketPollRoundFailed", Level = LogLevel.Error, Message = "Reading two-way tickets back failed; the next round tries again")]
    private partial void LogFailed(Exception error);
}
