using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.EdgeModule;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public sealed class TwinContractTargetTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_twin_contract_replaces_the_one_in_force_keeping_unchanged_clauses_and_restarting_the_changed_one()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        var running = new SignalId("press-07", "running");
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 48 * 12).Select(i => new Sample(running, GoLive.AddMinutes(5 * i), i is >= 240 and < 360 ? 0 : 1))], default);
        await runtime.Evaluator.RecordContractsAsync(GoLive, default);
        for (var h = 1; h <= 24; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        var before = runtime.Evaluator.Statuses.ToDictionary(s => s.Clause.Id.Value, s => s.Snapshot);
        Assert.Equal(CommitmentState.Breached, before["press-availability"].State);
        clock.Now = GoLive.AddHours(24);

        var target = new TwinContractTarget(runtime, clock);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));
        var changed = ContractLoader.Load("twin:contracts/acme-2026", text.Replace(">= 98%", ">= 97%", StringComparison.Ordinal), target.Catalog).Value!;
        Assert.NotEqual(text, text.Replace(">= 98%", ">= 97%", StringComparison.Ordinal));
        await target.ApplyContractAsync(changed, default);

        var inForce = Assert.Single(runtime.Evaluator.Contracts);
        Assert.Equal(changed.SourceSha256, inForce.SourceSha256);
        var ledger = File.ReadAllLines(runtime.Paths.Ledger);
        Assert.Contains(ledger, l => l.Contains("\"kind\":\"clause-changed\"", StringComparison.Ordinal) && l.Contains("press-availability", StringComparison.Ordinal));
        Assert.DoesNotContain(ledger, l => l.Contains("\"kind\":\"clause-changed\"", StringComparison.Ordinal) && l.Contains("mes-api-success", StringComparison.Ordinal));
        Assert.True(LedgerVerifier.Verify(runtime.Paths.Ledger).Intact);
    }
}
