using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.Configuration.Sites;

namespace ValueGuard.EdgeHub.Deployment;

/// <summary>
/// Builds an IoT Edge deployment manifest for a site (brief §6): edgeAgent and edgeHub, the ValueGuard module with
/// the site's folders bound and its serial ports mapped as devices, an InfluxDB module with a volume when the
/// site stores samples in InfluxDB, edgeHub routes with store-and-forward, and the site's contracts as the
/// module's desired properties (applied and reported back as described in <see cref="Contracts.TwinContractUpdater"/>).
/// </summary>
public static class DeploymentManifestBuilder
{
    public const string ModuleName = "valueguard";
    public const string InfluxModuleName = "influxdb";

    /// <summary>IoT Hub's limit on a twin's desired section.</summary>
    public const int DesiredLimitBytes = 32 * 1024;

    public static JsonObject Build(SiteConfig site, DeploymentManifestOptions options)
    {
        var modules = new JsonObject { [ModuleName] = ValueGuardModule(site, options) };
        if (site.Store is not null) modules[InfluxModuleName] = InfluxModule(options);
        foreach (var (_, module) in modules) ChunkCreateOptions(module!["settings"]!.AsObject());
        var desired = new JsonObject { ["contracts"] = Contracts(site) };
        var size = Encoding.UTF8.GetByteCount(desired.ToJsonString());
        if (size > DesiredLimitBytes)
            throw new InvalidOperationException($"the site's contracts take {size} bytes as desired properties; IoT Hub allows {DesiredLimitBytes}: deliver large contracts as files in {options.ConfigDirectory}");
        return new JsonObject
        {
            ["modulesContent"] = new JsonObject
            {
                ["$edgeAgent"] = new JsonObject { ["properties.desired"] = EdgeAgent(modules, options) },
                ["$edgeHub"] = new JsonObject { ["properties.desired"] = EdgeHub(options) },
                [ModuleName] = new JsonObject { ["properties.desired"] = desired },
            },
        };
    }

    private static JsonObject EdgeAgent(JsonObject modules, DeploymentManifestOptions options) => new()
    {
        ["schemaVersion"] = "1.1",
        ["runtime"] = new JsonObject
        {
            ["type"] = "docker",
            ["settings"] = new JsonObject { ["minDockerVersion"] = "v1.25", ["loggingOptions"] = "", ["registryCredentials"] = new JsonObject() },
        },
        ["systemModules"] = new JsonObject
        {
            ["edgeAgent"] = new JsonObject
            {
                ["type"] = "docker",
                ["settings"] = new JsonObject { ["image"] = $"mcr.microsoft.com/azureiotedge-agent:{options.EdgeRuntimeVersion}", ["createOptions"] = "{}" },
            },
            ["edgeHub"] = new JsonObject
            {
                ["type"] = "docker",
                ["status"] = "running",
                ["restartPolicy"] = "always",
                ["startupOrder"] = 0,
                ["settings"] = new JsonObject
                {
                    ["image"] = $"mcr.microsoft.com/azureiotedge-hub:{options.EdgeRuntimeVersion}",
                    ["createOptions"] = CreateOptions(new JsonObject
                    {
                        ["HostConfig"] = new JsonObject
                        {
                            ["PortBindings"] = new JsonObject
                            {
                                ["8883/tcp"] = new JsonArray(new JsonObject { ["HostPort"] = "8883" }),
                                ["5671/tcp"] = new JsonArray(new JsonObject { ["HostPort"] = "5671" }),
                                ["443/tcp"] = new JsonArray(new JsonObject { ["HostPort"] = "443" }),
                            },
                        },
                    }),
                },
            },
        },
        ["modules"] = modules,
    };

    private static JsonObject EdgeHub(DeploymentManifestOptions options) => new()
    {
        ["schemaVersion"] = "1.1",
        ["routes"] = new JsonObject
        {
            ["valueguardToUpstream"] = new JsonObject
            {
                ["route"] = $"FROM /messages/modules/{ModuleName}/outputs/* INTO $upstream",
                ["priority"] = 0,
                ["timeToLiveSecs"] = options.StoreAndForwardSeconds,
            },
        },
        ["storeAndForwardConfiguration"] = new JsonObject { ["timeToLiveSecs"] = options.StoreAndForwardSeconds },
    };

    private static JsonObject ValueGuardModule(SiteConfig site, DeploymentManifestOptions options)
    {
        var devices = new JsonArray([.. site.SerialPorts.Select(p => (JsonNode?)new JsonObject
        {
            ["PathOnHost"] = p.Port,
            ["PathInContainer"] = p.Port,
            ["CgroupPermissions"] = "rwm",
        })]);
        return new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = "docker",
            ["status"] = "running",
            ["restartPolicy"] = "always",
            ["startupOrder"] = site.Store is null ? 1 : 2,
            ["settings"] = new JsonObject
            {
                ["image"] = options.Image,
                ["createOptions"] = CreateOptions(new JsonObject
                {
                    ["HostConfig"] = new JsonObject
                    {
                        ["Binds"] = new JsonArray($"{options.ConfigDirectory}:{options.ConfigDirectory}:ro", $"{options.DataDirectory}:{options.DataDirectory}"),
                        ["Devices"] = devices,
                        // The image's user gets the serial ports through the host's dialout group (gid 20 on Debian).
                        ["GroupAdd"] = new JsonArray("dialout"),
                    },
                }),
            },
            ["env"] = new JsonObject { ["VALUEGUARD_SITE"] = new JsonObject { ["value"] = $"{options.ConfigDirectory}/{Path.GetFileName(site.File)}" } },
        };
    }

    private static JsonObject InfluxModule(DeploymentManifestOptions options) => new()
    {
        ["version"] = "1.0",
        ["type"] = "docker",
        ["status"] = "running",
        ["restartPolicy"] = "always",
        ["startupOrder"] = 1,
        ["settings"] = new JsonObject
        {
            ["image"] = "influxdb:1.8",
            ["createOptions"] = CreateOptions(new JsonObject
            {
                ["HostConfig"] = new JsonObject { ["Binds"] = new JsonArray($"{options.DataDirectory}/influxdb:/var/lib/influxdb") },
            }),
        },
        ["env"] = new JsonObject { ["INFLUXDB_HTTP_AUTH_ENABLED"] = new JsonObject { ["value"] = "true" } },
    };

    private static JsonObject Contracts(SiteConfig site)
    {
        var contracts = new JsonObject();
        foreach (var file in site.ContractFiles)
            contracts[TwinKey(Path.GetFileNameWithoutExtension(file))] = File.ReadAllText(file);
        return contracts;
    }

    /// <summary>Twin keys may hold no '.', '$', space or control characters.</summary>
    public static string TwinKey(string name) =>
        new([.. name.Select(c => c is '.' or '$' or ' ' || char.IsControl(c) ? '-' : c)]);

    /// <summary>createOptions is a JSON string in the manifest (a Docker container-create body).</summary>
    private static string CreateOptions(JsonObject options) => options.ToJsonString();

    /// <summary>Splits a createOptions string longer than 512 characters into createOptions, createOptions01, … as edgeAgent reads them.</summary>
    private static void ChunkCreateOptions(JsonObject settings)
    {
        if (settings["createOptions"]?.GetValue<string>() is not { Length: > ChunkLength } text) return;
        for (var i = 0; i * ChunkLength < text.Length; i++)
            settings[i == 0 ? "createOptions" : $"createOptions{i:00}"] = text.Substring(i * ChunkLength, Math.Min(ChunkLength, text.Length - i * ChunkLength));
    }

    private const int ChunkLength = 512;
}
