using Microsoft.Extensions.Hosting;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// A background pass run every <paramref name="interval"/> of wall-clock time (local queues, remote polls: not domain
/// time, so not the gateway's TimeProvider). A failed pass is logged and the next one tries again.
/// </summary>
public abstract class PeriodicPass(TimeSpan interval) : BackgroundService
{
    /// <summary>False when the site has nothing for this pass to do; it then never starts its timer.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract void LogPassFailed(Exception error);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(e);
            }
        }
    }
}
