using Microsoft.Extensions.Logging;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;

namespace ValueGuard.Gateway.Clock;

/// <summary>
/// Reads the system's clock synchronisation each round and records a change in the evidence ledger: a "clock-sync"
/// record when the clock becomes unsynchronised (also when it already is at the first reading), and one when it is
/// synchronised again after that. An unknown state (a system that cannot tell) records nothing.
/// </summary>
public sealed partial class ClockSyncRecorder(IClockSyncSource source, IEvidenceLedger ledger, ClockHealth health, ILogger<ClockSyncRecorder> log)
{
    private ClockSyncState recorded = health.Sync?.State ?? ClockSyncState.Synchronised;

    /// <summary>Reads the source; the reading, already recorded when it changed something.</summary>
    public async Task<ClockSynchronisation> CheckAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reading = source.Read();
        health.Read(reading, now);
        if (reading.State == ClockSyncState.Unknown || reading.State == recorded) return reading;
        if (reading.State == ClockSyncState.Unsynchronised) LogUnsynchronised(reading.Source, reading.Detail);
        else LogSynchronised(reading.Source, reading.Detail);
        await ledger.AppendAsync(EvidenceKinds.ClockSync, now, ClockSyncEvidence.Of(reading), cancellationToken).ConfigureAwait(false);
        recorded = reading.State;
        return reading;
    }

    [LoggerMessage(EventId = 2013, EventName = "GatewayClockUnsynchronised", Level = LogLevel.Warning,
        Message = "The system reports the gateway clock not synchronised ({Source}: {Detail}); recorded in the evidence ledger")]
    private partial void LogUnsynchronised(string source, string detail);

    [LoggerMessage(EventId = 2014, EventName = "GatewayClockSynchronised", Level = LogLevel.Information,
        Message = "The system reports the gateway clock synchronised again ({Source}: {Detail}); recorded in the evidence ledger")]
    private partial void LogSynchronised(string source, string detail);
}
