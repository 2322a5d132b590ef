using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.EdgeHub.Contracts;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.EdgeHub.Module;
using ValueGuard.EdgeHub.Tests.StandIns;

namespace ValueGuard.EdgeHub.Tests;

/// <summary>getStatus, acknowledge and evaluateNow called as direct methods through the stand-in edgeHub.</summary>
public sealed class GatewayMethodRouterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly ClauseStatusSummary Press = new("ACME-2026-017", "press-availability", "Breached", "BREACHED", 0.97, 1.0, DateTimeOffset.UnixEpoch);

    private static async Task<(ModuleRig, FakeGateway)> StartAsync()
    {
        var rig = await ModuleRig.StartAsync();
        var gateway = new FakeGateway();
        var router = new GatewayMethodRouter(gateway, gateway, gateway, NullLogger<GatewayMethodRouter>.Instance);
        var module = new GatewayModule(await rig.CreateClientAsync(), new TwinContractUpdater(gateway, NullLogger<TwinContractUpdater>.Instance), router);
        await module.StartAsync(CancellationToken.None);
        return (rig, gateway);
    }

    [Fact]
    public async Task GetStatus_reports_clause_states_and_buffer_health()
    {
        var (rig, _) = await StartAsync();
        await using var _rig = rig;

        var (status, body) = await rig.EdgeHub.InvokeMethodAsync("getStatus", null, Wait);

        Assert.Equal(200, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("Breached", (string?)json["clauses"]![0]!["state"]);
        Assert.Equal("influxdb", (string?)json["buffer"]!["store"]);
        Assert.Equal(12, (long)json["buffer"]!["pendingRecords"]!);
    }

    [Fact]
    public async Task Acknowledge_passes_clause_actor_and_reason_to_the_gateway()
    {
        var (rig, gateway) = await StartAsync();
        await using var _rig = rig;

        var (status, _) = await rig.EdgeHub.InvokeMethodAsync("acknowledge",
            "{\"clause\":\"ACME-2026-017/press-availability\",\"actor\":\"li.wei\",\"reason\":\"hydraulic pump replaced, ticket 4711\"}", Wait);

        Assert.Equal(200, status);
        Assert.Equal(new ClauseAcknowledgement("ACME-2026-017/press-availability", "li.wei", "hydraulic pump replaced, ticket 4711"), Assert.Single(gateway.Acknowledged));
    }

    [Fact]
    public async Task Acknowledge_without_a_reason_is_a_bad_request_and_an_unknown_clause_is_not_found()
    {
        var (rig, gateway) = await StartAsync();
        await using var _rig = rig;

        var (noReason, _) = await rig.EdgeHub.InvokeMethodAsync("acknowledge", "{\"clause\":\"ACME-2026-017/press-availability\",\"actor\":\"li.wei\"}", Wait);
        var (unknown, message) = await rig.EdgeHub.InvokeMethodAsync("acknowledge", "{\"clause\":\"nope\",\"actor\":\"li.wei\",\"reason\":\"r\"}", Wait);

        Assert.Equal(400, noReason);
        Assert.Equal(404, unknown);
        Assert.Contains("no clause 'nope'", (string?)JsonNode.Parse(message)!["error"], StringComparison.Ordinal);
        Assert.Empty(gateway.Acknowledged);
    }

    [Fact]
    public async Task EvaluateNow_runs_a_round_and_returns_the_states_after_it()
    {
        var (rig, gateway) = await StartAsync();
        await using var _rig = rig;

        var (status, body) = await rig.EdgeHub.InvokeMethodAsync("evaluateNow", null, Wait);

        Assert.Equal(200, status);
        Assert.Equal(1, gateway.Rounds);
        Assert.Equal("press-availability", (string?)JsonNode.Parse(body)!["clauses"]![0]!["clause"]);
    }

    [Fact]
    public async Task Unknown_method_is_not_found()
    {
        var (rig, _) = await StartAsync();
        await using var _rig = rig;

        var (status, _) = await rig.EdgeHub.InvokeMethodAsync("reboot", null, Wait);

        Assert.Equal(404, status);
    }

    private sealed class FakeGateway : IGatewayStatusSource, IClauseAcknowledger, IEvaluationTrigger, IContractUpdateTarget
    {
        public List<ClauseAcknowledgement> Acknowledged { get; } = [];

        public int Rounds { get; private set; }

        public Core.Signals.ISignalCatalog? Catalog => null;

        public Task ApplyContractAsync(Core.Contracts.Contract contract, CancellationToken ct) => Task.CompletedTask;

        public Task<GatewayStatus> GetStatusAsync(CancellationToken ct) =>
            Task.FromResult(new GatewayStatus(DateTimeOffset.UnixEpoch, [Press], new BufferHealth("influxdb", 12, 4096)));

        public Task<AcknowledgeOutcome> AcknowledgeAsync(ClauseAcknowledgement request, CancellationToken ct)
        {
            if (request.Clause != "ACME-2026-017/press-availability") return Task.FromResult(AcknowledgeOutcome.UnknownClause);
            Acknowledged.Add(request);
            return Task.FromResult(AcknowledgeOutcome.Acknowledged);
        }

        public Task<IReadOnlyList<ClauseStatusSummary>> EvaluateNowAsync(CancellationToken ct)
        {
            Rounds++;
            return Task.FromResult<IReadOnlyList<ClauseStatusSummary>>([Press]);
        }
    }
}
