using System.Text.Json;
using System.Text.Json.Nodes;
using ValueGuard.Configuration.Sites;
using ValueGuard.EdgeHub.Deployment;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

public sealed class DeploymentManifestTests
{
    private static readonly string TemplatePath = Path.Combine(RepoPaths.Root, "deployment", "iotedge", "deployment.template.json");

    private static JsonObject Template() =>
        JsonNode.Parse(File.ReadAllText(TemplatePath), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow })!.AsObject();

    [Fact]
    public void Template_is_valid_json_and_its_routes_name_only_modules_it_defines()
    {
        Assert.Empty(DeploymentManifestCheck.Problems(Template()));
    }

    [Fact]
    public void Template_has_influxdb_with_a_volume_a_mapped_serial_device_and_store_and_forward()
    {
        var agent = Template()["modulesContent"]!["$edgeAgent"]!["properties.desired"]!;
        var influx = agent["modules"]!["influxdb"]!["settings"]!["createOptions"]!["HostConfig"]!;
        Assert.Contains(influx["Binds"]!.AsArray(), b => ((string)b!).EndsWith(":/var/lib/influxdb", StringComparison.Ordinal));
        var device = agent["modules"]!["valueguard"]!["settings"]!["createOptions"]!["HostConfig"]!["Devices"]![0]!;
        Assert.StartsWith("/dev/serial/by-id/", (string?)device["PathOnHost"], StringComparison.Ordinal);
        Assert.Equal("1.1", (string?)agent["schemaVersion"]);
        Assert.NotNull(Template()["modulesContent"]!["$edgeHub"]!["properties.desired"]!["storeAndForwardConfiguration"]!["timeToLiveSecs"]);
    }

    [Fact]
    public void Check_reports_a_route_to_a_module_the_manifest_does_not_define()
    {
        var manifest = Template();
        manifest["modulesContent"]!["$edgeHub"]!["properties.desired"]!["routes"]!["toAnalytics"] =
            "FROM /messages/modules/valueguard/outputs/alerts INTO BrokeredEndpoint(\"/modules/analytics/inputs/alerts\")";
        manifest["modulesContent"]!["$edgeAgent"]!["properties.desired"]!["modules"]!["influxdb"]!.AsObject().Remove("restartPolicy");

        var problems = DeploymentManifestCheck.Problems(manifest);

        Assert.Equal(["module 'influxdb': restartPolicy must be 'always' (omitted it means on-unhealthy)",
            "route 'toAnalytics' names module 'analytics', which the manifest does not define"], problems);
    }

    [Fact]
    public void Manifest_from_a_site_maps_its_serial_ports_adds_influxdb_and_carries_its_contracts()
    {
        using var dir = new TempDirectory();
        var contract = File.ReadAllText(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));
        dir.Write("acme.2026.yaml", contract);
        var sitePath = dir.Write("site.yaml", $"""
            site: plant-9
            data_dir: /var/lib/valueguard
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [acme.2026.yaml]
            store: {"{"} kind: influxdb, url: http://influxdb:8086, database: valueguard {"}"}
            serial:
              - {"{"} port: /dev/ttyUSB0 {"}"}
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
              - {"{"} id: mes-gw, profile: mes-api-gateway-json {"}"}
              - {"{"} id: spindle-04, profile: spindle-drive-modbus, port: /dev/ttyUSB0 {"}"}
            """);
        var (site, errors) = SiteModelLoader.Load(sitePath);
        Assert.True(site is not null, string.Join('\n', errors));

        var manifest = DeploymentManifestBuilder.Build(site.Site, new DeploymentManifestOptions { Image = "reg.example/valueguard:0.1.0-arm64v8" });

        Assert.Empty(DeploymentManifestCheck.Problems(manifest));
        var modules = manifest["modulesContent"]!["$edgeAgent"]!["properties.desired"]!["modules"]!;
        var create = JsonNode.Parse((string)modules["valueguard"]!["settings"]!["createOptions"]!)!;
        Assert.Equal("/dev/ttyUSB0", (string?)create["HostConfig"]!["Devices"]![0]!["PathInContainer"]);
        Assert.Equal("reg.example/valueguard:0.1.0-arm64v8", (string?)modules["valueguard"]!["settings"]!["image"]);
        Assert.NotNull(modules["influxdb"]);
        Assert.Equal(contract, (string?)manifest["modulesContent"]!["valueguard"]!["properties.desired"]!["contracts"]!["acme-2026"]);
    }

    [Fact]
    public void Edge_module_json_names_a_dockerfile_per_platform_and_each_runs_as_a_non_root_user()
    {
        var folder = Path.Combine(RepoPaths.Root, "edge-modules", "valueguard");
        var module = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "module.json")))!;

        var platforms = module["image"]!["tag"]!["platforms"]!.AsObject();

        Assert.Equal(["amd64", "arm64v8"], platforms.Select(p => p.Key).Order());
        foreach (var (_, dockerfile) in platforms)
        {
            var lines = File.ReadAllLines(Path.Combine(folder, (string)dockerfile!));
            Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
            Assert.Contains("USER app", lines);
        }
        Assert.True(File.Exists(Path.Combine(folder, (string)module["image"]!["contextPath"]!, "ValueGuard.sln")));
    }
}
