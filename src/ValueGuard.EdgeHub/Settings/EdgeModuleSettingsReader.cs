using System.Collections;

namespace ValueGuard.EdgeHub.Settings;

/// <summary>
/// Reads <see cref="EdgeModuleSettings"/> from the variables edgeAgent sets for a user module
/// (<c>IOTEDGE_*</c>), or from <c>EdgeHubConnectionString</c> when dev tools set it (preferred, as the SDKs do).
/// </summary>
public static class EdgeModuleSettingsReader
{
    public static EdgeModuleSettings FromEnvironment() => Read(Environment.GetEnvironmentVariables());

    /// <summary>True when the process looks like it runs as an IoT Edge module.</summary>
    public static bool IsPresent(IDictionary variables) =>
        Get(variables, "EdgeHubConnectionString") is not null || Get(variables, "IOTEDGE_MODULEID") is not null;

    /// <exception cref="EdgeModuleSettingsException">A variable is missing or malformed; the message names it.</exception>
    public static EdgeModuleSettings Read(IDictionary variables)
    {
        if (Get(variables, "EdgeHubConnectionString") is { } connectionString)
            return EdgeHubConnectionString.Parse(connectionString) with { CaCertificateFile = Get(variables, "EdgeModuleCACertificateFile") };

        var scheme = Require(variables, "IOTEDGE_AUTHSCHEME");
        if (!string.Equals(scheme, "sasToken", StringComparison.OrdinalIgnoreCase))
            throw new EdgeModuleSettingsException($"IOTEDGE_AUTHSCHEME is '{scheme}'; only 'sasToken' is supported (it is the only scheme edgeAgent sets)");
        var workload = Require(variables, "IOTEDGE_WORKLOADURI");
        if (!Uri.TryCreate(workload, UriKind.Absolute, out var workloadUri) || workloadUri.Scheme is not ("unix" or "http"))
            throw new EdgeModuleSettingsException($"IOTEDGE_WORKLOADURI '{workload}' is not a unix:// or http:// URI");
        return new EdgeModuleSettings
        {
            DeviceId = Require(variables, "IOTEDGE_DEVICEID"),
            ModuleId = Require(variables, "IOTEDGE_MODULEID"),
            GenerationId = Require(variables, "IOTEDGE_MODULEGENERATIONID"),
            IotHubHostName = Require(variables, "IOTEDGE_IOTHUBHOSTNAME"),
            GatewayHostName = Require(variables, "IOTEDGE_GATEWAYHOSTNAME"),
            WorkloadUri = workloadUri,
            WorkloadApiVersion = Get(variables, "IOTEDGE_APIVERSION") ?? "2018-06-28",
        };
    }

    private static string Require(IDictionary variables, string name) =>
        Get(variables, name) ?? throw new EdgeModuleSettingsException($"{name} is not set; edgeAgent sets it for every module (is this process running as an IoT Edge module?)");

    private static string? Get(IDictionary variables, string name) =>
        variables[name] is string { Length: > 0 } value ? value : null;
}
