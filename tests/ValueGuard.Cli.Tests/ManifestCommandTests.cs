using System.Text.Json.Nodes;
using ValueGuard.EdgeHub.Deployment;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class ManifestCommandTests
{
    [Fact]
    public async Task Manifest_for_the_example_site_is_a_deployment_with_its_contract_as_desired_properties()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "manifest", "--site", Path.Combine(RepoPaths.Examples, "site.yaml"), "--image", "reg.example/valueguard:1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var manifest = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.Empty(DeploymentManifestCheck.Problems(manifest));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Examples, "acme-2026.yaml")),
            (string?)manifest["modulesContent"]!["valueguard"]!["properties.desired"]!["contracts"]!["acme-2026"]);
        Assert.Null(manifest["modulesContent"]!["$edgeAgent"]!["properties.desired"]!["modules"]!["influxdb"]);
    }

    [Fact]
    public async Task Manifest_for_an_invalid_site_prints_its_errors_and_exits_2()
    {
        using var dir = new TempDirectory();
        var site = dir.Write("site.yaml", "site: x\ndevices: 3\n");

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "manifest", "--site", site);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{site}:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }
}
