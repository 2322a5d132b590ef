using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Runs the gateway's periodic work on its clock: evaluate every clause, then deliver due escalation
/// actions. A failing round is logged and the next round runs as usual.
/// </summary>
public sealed partial class EvaluationLoop : BackgroundService
{
    private readonly GatewayRuntime runtime;
    private readonly TimeProvider clock;
    private readonly ILogger<EvaluationLoop> log;

    public EvaluationLoop(GatewayRuntime runtime, TimeProvider clock, ILogger<EvaluationLoop> log)
    {
        this.runtime = runtime;
        this.clock = clock;
        this.log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runtime.RecordStartupLossesAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        await runtime.Evaluator.RecordContractsAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(runtime.Site.Site.EvaluationInterval, clock);
        do
        {
            try
            {
                await runtime.EvaluationGate.WaitAsync(stoppingToken).ConfigureAwait(false);
                try { await runtime.Evaluator.EvaluateAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false); }
                finally { runtime.EvaluationGate.Release(); }
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
