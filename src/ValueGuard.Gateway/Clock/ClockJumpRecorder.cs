using Microsoft.Extensions.Logging;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Clock;

/// <summary>Checks for a jump of the gateway clock and, on one, logs it and appends a "clock-jump" record to the evidence ledger.</summary>
public sealed partial class ClockJumpRecorder(ClockJumpDetector detector, IEvidenceLedger ledger, ILogger<ClockJumpRecorder> log)
{
    /// <summary>The jump since the previous call, already recorded; null when the clocks agreed (and on the first call).</summary>
    public async Task<ClockJump?> CheckAsync(CancellationToken cancellationToken)
    {
        if (detector.Check() is not { } jump) return null;
        LogClockJumped(jump.From, jump.To, jump.Delta);
        await ledger.AppendAsync(EvidenceKinds.ClockJump, jump.To, ClockJumpEvidence.Of(jump, detector.Threshold), cancellationToken).ConfigureAwait(false);
        return jump;
    }

    [LoggerMessage(EventId = 2012, EventName = "GatewayClockJumped", Level = LogLevel.Warning,
        Message = "The gateway clock jumped from {From} to {To} ({Delta}); recorded in the evidence ledger")]
    private partial void LogClockJumped(DateTimeOffset from, DateTimeOffset to, TimeSpan delta);
}
