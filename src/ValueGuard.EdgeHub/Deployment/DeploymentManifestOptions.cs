namespace ValueGuard.EdgeHub.Deployment;

/// <summary>The choices a deployment manifest needs beyond the site file.</summary>
public sealed record DeploymentManifestOptions
{
    /// <summary>The ValueGuard module image, e.g. <c>myregistry.azurecr.io/valueguard:0.1.0-arm64v8</c>.</summary>
    public string Image { get; init; } = "valueguard:0.1.0-arm64v8";

    /// <summary>The host folder holding the site, profiles and contracts; mounted read-only at the same path.</summary>
    public string ConfigDirectory { get; init; } = "/etc/valueguard";

    /// <summary>The host folder for data, spool, state and ledger; mounted at the same path.</summary>
    public string DataDirectory { get; init; } = "/var/lib/valueguard";

    /// <summary>How long edgeHub keeps messages it could not forward (store and forward), in seconds.</summary>
    public int StoreAndForwardSeconds { get; init; } = 7200;

    public string EdgeRuntimeVersion { get; init; } = "1.5";
}
