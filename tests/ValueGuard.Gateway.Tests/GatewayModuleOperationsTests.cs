using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.EdgeHub.Methods;
using ValueGuard.Gateway.EdgeModule;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

/// <summary>The gateway side of the getStatus, acknowledge and evaluateNow direct methods.</summary>
public sealed class GatewayModuleOperationsTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Press down from hour 20 to 30 of 48: the availability clause breaches.</summary>
    private static async Task<GatewayRuntime> BreachedRuntimeAsync(TempDirectory dir, ManualClock clock)
    {
        var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        var running = new SignalId("press-07", "running");
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 48 * 12).Select(i => new Sample(running, GoLive.AddMinutes(5 * i), i is >= 240 and < 360 ? 0 : 1))], default);
        for (var h = 1; h <= 24; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(24);
        return runtime;
    }

    [Fact]
    public async Task Acknowledge_moves_a_breached_clause_to_acknowledged_and_records_who_and_why()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = await BreachedRuntimeAsync(dir, clock);
        var operations = new GatewayModuleOperations(runtime, clock);

        var outcome = await operations.AcknowledgeAsync(new ClauseAcknowledgement("ACME-2026-017/press-availability", "li.wei", "pump replaced"), default);
        var again = await operations.AcknowledgeAsync(new ClauseAcknowledgement("press-availability", "li.wei", "twice"), default);

        Assert.Equal(AcknowledgeOutcome.Acknowledged, outcome);
        Assert.Equal(AcknowledgeOutcome.NotInBreach, again);
        var status = await operations.GetStatusAsync(default);
        Assert.Equal(nameof(CommitmentState.Acknowledged), status.Clauses.Single(c => c.Clause == "press-availability").State);
        var record = File.ReadLines(runtime.Paths.Ledger).Last(l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal));
        Assert.Contains("\"actor\":\"li.wei\"", record, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"pump replaced\"", record, StringComparison.Ordinal);
        Assert.True(LedgerVerifier.Verify(runtime.Paths.Ledger).Intact);
    }

    [Fact]
    public async Task Acknowledge_of_a_compliant_or_unknown_clause_changes_nothing()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = await BreachedRuntimeAsync(dir, clock);
        var operations = new GatewayModuleOperations(runtime, clock);
        var ledgerLines = File.ReadLines(runtime.Paths.Ledger).Count();

        Assert.Equal(AcknowledgeOutcome.UnknownClause, await operations.AcknowledgeAsync(new ClauseAcknowledgement("ACME-2026-017/nope", "a", "r"), default));
        Assert.Equal(AcknowledgeOutcome.NotInBreach, await operations.AcknowledgeAsync(new ClauseAcknowledgement("mes-api-success", "a", "r"), default));
        Assert.Equal(ledgerLines, File.ReadLines(runtime.Paths.Ledger).Count());
    }

    [Fact]
    public async Task EvaluateNow_runs_a_round_at_the_clock_and_status_reports_the_embedded_store()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = await BreachedRuntimeAsync(dir, clock);
        var operations = new GatewayModuleOperations(runtime, clock);
        clock.Now = GoLive.AddHours(30);

        var clauses = await operations.EvaluateNowAsync(default);

        var press = clauses.Single(c => c.Clause == "press-availability");
        Assert.Equal(GoLive.AddHours(30), press.EvaluatedAt);
        Assert.Equal("BREACHED", press.Verdict);
        var status = await operations.GetStatusAsync(default);
        Assert.Equal(new BufferHealth("embedded", 0, 0), status.Buffer);
    }
}
