using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueGuard.Gateway.Clock;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Runs the gateway's periodic work on its clock: apply queued operator actions, evaluate every clause,
/// then deliver due escalation actions. A failing round is logged and the next round runs as usual.
/// Every round first checks the gateway clock for a jump (see <see cref="ClockJumpRecorder"/>) and reads whether the
/// system reports it synchronised (see <see cref="ClockSyncRecorder"/>).
/// </summary>
public sealed partial class EvaluationLoop : BackgroundService
{
    private readonly GatewayRuntime runtime;
    private readonly TimeProvider clock;
    private readonly ILogger<EvaluationLoop> log;
    private readonly ClockJumpRecorder clockJumps;
    private readonly ClockSyncRecorder clockSync;
    private readonly ClockHealth clockHealth;

    public EvaluationLoop(GatewayRuntime runtime, TimeProvider clock, ClockHealth clockHealth, IClockSyncSource clockSyncSource, ILogger<EvaluationLoop> log, ILoggerFactory loggers)
    {
        this.runtime = runtime;
        this.clock = clock;
        this.log = log;
        this.clockHealth = clockHealth;
        clockJumps = new ClockJumpRecorder(ClockJumpDetector.WithStopwatch(clock), runtime.Ledger, loggers.CreateLogger<ClockJumpRecorder>());
        clockSync = new ClockSyncRecorder(clockSyncSource, runtime.Ledger, clockHealth, loggers.CreateLogger<ClockSyncRecorder>());
    }

    private async Task CheckClockAsync(CancellationToken stoppingToken)
    {
        if (await clockJumps.CheckAsync(stoppingToken).ConfigureAwait(false) is { } jump) clockHealth.Jumped(jump);
        await clockSync.CheckAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CheckClockAsync(stoppingToken).ConfigureAwait(false);
        await runtime.RecordStartupLossesAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        await runtime.Evaluator.RecordContractsAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        // Acknowledgements, snoozes and waivers queued while the gateway was down apply before the first evaluation.
        await runtime.OperatorActions.ApplyQueuedAsync(stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(runtime.Site.Site.EvaluationInterval, clock);
        do
        {
            try
            {
                await CheckClockAsync(stoppingToken).ConfigureAwait(false);
                await runtime.OperatorActions.ApplyQueuedAsync(stoppingToken).ConfigureAwait(false);
                await runtime.Evaluator.EvaluateAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                await runtime.Dispatcher.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 2002, EventName = "EvaluationRoundFailed", Level = LogLevel.Error, Message = "Evaluation round failed; the next round runs as scheduled")]
    private partial void LogRoundFailed(Exception error);
}
