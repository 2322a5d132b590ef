using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Reloads the site's contract files into the running evaluator. A file with errors changes nothing: the
/// contracts in force stay, and the errors are logged with file:line:column. Devices, profiles and the rest
/// of the site are read at start only.
/// </summary>
public sealed partial class ContractReloader
{
    private readonly GatewayRuntime runtime;
    private readonly TimeProvider clock;
    private readonly ILogger<ContractReloader> log;

    public ContractReloader(GatewayRuntime runtime, TimeProvider clock, ILogger<ContractReloader> log)
    {
        this.runtime = runtime;
        this.clock = clock;
        this.log = log;
    }

    /// <summary>Reloads the contracts; returns false (and keeps the old ones) when the files do not load.</summary>
    public async Task<bool> ReloadAsync(CancellationToken ct)
    {
        var (model, errors) = SiteModelLoader.Load(runtime.Site.Site.File);
        if (model is null)
        {
            LogReloadFailed(errors.Count, string.Join(Environment.NewLine, errors));
            return false;
        }
        var changed = await runtime.Evaluator.ReloadAsync(model.Contracts, clock.GetUtcNow(), ct).ConfigureAwait(false);
        LogReloaded(model.Contracts.Count, changed);
        return true;
    }

    [LoggerMessage(EventId = 2009, EventName = "ContractsReloaded", Level = LogLevel.Information,
        Message = "Contracts reloaded: {Contracts} in force, {Changed} changed")]
    private partial void LogReloaded(int contracts, int changed);

    [LoggerMessage(EventId = 2010, EventName = "ContractReloadFailed", Level = LogLevel.Error,
        Message = "Contract files changed but do not load ({Count} errors); the contracts in force stay:\n{Errors}")]
    private partial void LogReloadFailed(int count, string errors);
}
