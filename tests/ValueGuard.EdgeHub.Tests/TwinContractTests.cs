using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.EdgeHub.Module;
using ValueGuard.EdgeHub.Tests.StandIns;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

/// <summary>Contracts delivered as desired properties: validated, applied without restart, outcome reported.</summary>
public sealed class TwinContractTests
{
    private static readonly string ValidYaml = File.ReadAllText(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));

    [Fact]
    public async Task Invalid_contract_patch_is_rejected_with_its_errors_and_a_valid_one_is_applied_and_its_version_reported()
    {
        await using var rig = await ModuleRig.StartAsync();
        var target = new RecordingTarget(SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml")).Model!.Catalog);
        var module = new GatewayModule(await rig.CreateClientAsync(),
            new TwinContractUpdater(target, NullLogger<TwinContractUpdater>.Instance), UnusedMethods.Router);
        await module.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => module.Client.Connections == 1, "the connection");

        var invalid = ValidYaml.Replace("target: \">= 98%\"", "target: \"98 percent\"", StringComparison.Ordinal)
            .Replace("good: mes-gw/api_ok,", "good: mes-gw/api_okay,", StringComparison.Ordinal);
        await rig.EdgeHub.PatchDesiredAsync(new JsonObject { ["contracts"] = new JsonObject { ["acme"] = invalid } });
        await Eventually.WaitFor(() => Status(rig) == "rejected", "the rejection in reported properties");

        var rejected = Entry(rig);
        Assert.Equal(2, (long)rejected["desiredVersion"]!);
        var errors = rejected["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("twin:contracts/acme:12:13: error: clause: 'target' '98 percent'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("twin:contracts/acme:16:31: error: kpi: signal 'mes-gw/api_okay' is not known on this site", errors[1], StringComparison.Ordinal);
        Assert.Empty(target.Applied);

        await rig.EdgeHub.PatchDesiredAsync(new JsonObject { ["contracts"] = new JsonObject { ["acme"] = ValidYaml } });
        await Eventually.WaitFor(() => Status(rig) == "accepted", "the acceptance in reported properties");

        var accepted = Entry(rig);
        Assert.Equal(3, (long)accepted["acceptedVersion"]!);
        Assert.Equal("ACME-2026-017", (string?)accepted["contract"]);
        Assert.False(accepted.ContainsKey("errors"));
        var applied = Assert.Single(target.Applied);
        Assert.Equal("ACME-2026-017", applied.Id);
        Assert.Equal(applied.SourceSha256, (string?)accepted["sha256"]);
        Assert.Equal(1, module.Client.Connections);
    }

    [Fact]
    public async Task A_contract_already_in_force_is_not_applied_again_when_the_whole_twin_is_read_after_a_reconnect()
    {
        await using var rig = await ModuleRig.StartAsync();
        rig.EdgeHub.Desired["contracts"] = new JsonObject { ["acme"] = ValidYaml };
        var target = new RecordingTarget(null);
        var module = new GatewayModule(await rig.CreateClientAsync(),
            new TwinContractUpdater(target, NullLogger<TwinContractUpdater>.Instance), UnusedMethods.Router);
        await module.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => Status(rig) == "accepted", "the contract from the twin at start");

        await rig.EdgeHub.DisconnectModuleAsync();
        await Eventually.WaitFor(() => module.Client.Connections == 2 && module.Client.IsConnected, "the reconnect");
        await Task.Delay(300);

        Assert.Single(target.Applied);
    }

    private static JsonObject Entry(ModuleRig rig) => rig.EdgeHub.Reported["contracts"]!["acme"]!.AsObject();

    private static string? Status(ModuleRig rig) => rig.EdgeHub.Reported["contracts"]?["acme"]?["status"]?.GetValue<string>();

    private sealed class RecordingTarget(ISignalCatalog? catalog) : IContractUpdateTarget
    {
        public ConcurrentQueue<Contract> Applied { get; } = new();

        public ISignalCatalog? Catalog => catalog;

        public Task ApplyContractAsync(Contract contract, CancellationToken ct)
        {
            Applied.Enqueue(contract);
            return Task.CompletedTask;
        }
    }

    private sealed class UnusedMethods : IGatewayStatusSource, IClauseAcknowledger, IEvaluationTrigger
    {
        public static GatewayMethodRouter Router { get; } = new(new UnusedMethods(), new UnusedMethods(), new UnusedMethods(), NullLogger<GatewayMethodRouter>.Instance);

        public Task<GatewayStatus> GetStatusAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<AcknowledgeOutcome> AcknowledgeAsync(ClauseAcknowledgement request, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<ClauseStatusSummary>> EvaluateNowAsync(CancellationToken ct) => throw new NotSupportedException();
    }
}
