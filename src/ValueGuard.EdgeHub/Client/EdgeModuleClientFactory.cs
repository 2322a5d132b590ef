using Microsoft.Extensions.Logging;
using ValueGuard.EdgeHub.Authentication;
using ValueGuard.EdgeHub.Settings;
using ValueGuard.EdgeHub.Workload;

namespace ValueGuard.EdgeHub.Client;

/// <summary>
/// Follows the start-up sequence of the brief (§0): with the workload API, fetch the trust bundle and sign
/// through the daemon; with a connection string, sign with its key and trust the CA file that comes with it.
/// </summary>
public static class EdgeModuleClientFactory
{
    public static async Task<EdgeModuleClient> CreateAsync(EdgeModuleSettings settings, EdgeModuleClientOptions options, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!settings.UsesWorkloadApi)
        {
            if (settings.CaCertificateFile is null)
                throw new EdgeModuleSettingsException("EdgeHubConnectionString is set but EdgeModuleCACertificateFile is not: name the PEM file of the CA that signed edgeHub's certificate");
            return new EdgeModuleClient(settings, new SharedKeySigner(settings.SharedAccessKey!), TrustBundle.Load(settings.CaCertificateFile),
                options, clock, loggers.CreateLogger<EdgeModuleClient>());
        }
        var workload = new WorkloadApiClient(settings.WorkloadUri!, settings.WorkloadApiVersion);
        try
        {
            var trust = await workload.GetTrustBundleAsync(ct).ConfigureAwait(false);
            var signer = new WorkloadSigner(workload, settings.ModuleId, settings.GenerationId ?? "");
            return new EdgeModuleClient(settings, signer, trust, options, clock, loggers.CreateLogger<EdgeModuleClient>()) { Owned = workload };
        }
        catch
        {
            workload.Dispose();
            throw;
        }
    }
}
