namespace ValueGuard.EdgeHub.Settings;

/// <summary>
/// Who this module is and where edgeHub and the workload API are, as edgeAgent tells a module through
/// its environment (or as dev tools tell it through <c>EdgeHubConnectionString</c>).
/// </summary>
public sealed record EdgeModuleSettings
{
    public required string DeviceId { get; init; }

    public required string ModuleId { get; init; }

    /// <summary>The IoT Hub FQDN: the SAS resource URI and the MQTT username name it, never the gateway.</summary>
    public required string IotHubHostName { get; init; }

    /// <summary>The MQTT host: edgeHub's network alias and the name on its server certificate.</summary>
    public required string GatewayHostName { get; init; }

    public string? GenerationId { get; init; }

    /// <summary>The workload API (<c>unix:///var/run/iotedge/workload.sock</c>); null when signing with a local key.</summary>
    public Uri? WorkloadUri { get; init; }

    /// <summary>The workload API version the daemon advertises; sign and trust-bundle accept any version from 2018-06-28.</summary>
    public string WorkloadApiVersion { get; init; } = "2018-06-28";

    /// <summary>The module key of a connection string (dev tools); the token is then signed here.</summary>
    public byte[]? SharedAccessKey { get; init; }

    /// <summary>The PEM CA file that goes with a connection string (<c>EdgeModuleCACertificateFile</c>).</summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>True when the workload API signs and serves the trust bundle; false for a connection string.</summary>
    public bool UsesWorkloadApi => SharedAccessKey is null;

    /// <summary>The MQTT client id edgeHub requires: <c>{deviceId}/{moduleId}</c>.</summary>
    public string ClientId => $"{DeviceId}/{ModuleId}";

    /// <summary>The MQTT username: <c>{hub}/{deviceId}/{moduleId}/?api-version=2021-04-12</c>.</summary>
    public string Username => $"{IotHubHostName}/{DeviceId}/{ModuleId}/?api-version=2021-04-12";
}
