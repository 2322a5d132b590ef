using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class ContractReloadTests
{
    private static readonly DateTimeOffset GoLive = EditableSite.GoLive;
    private static readonly SignalId Running = new("press-07", "running");

    private const string Debounced = """
          - id: debounced
            text: Press availability at least 98 % over a day, debounced
            kpi: { kind: availability, signal: press-07/running, up_when: true }
            window: { rolling: 1d }
            target: ">= 98%"
            debounce: 30m
        """;

    private static string Strict(string target) => $"""
          - id: strict
            text: Press availability over a day
            kpi: {"{"} kind: availability, signal: press-07/running, up_when: true {"}"}
            window: {"{"} rolling: 1d {"}"}
            target: "{target}"
        """;

    /// <summary>Up every minute for 10 h, then down.</summary>
    private static Task WriteRunning(GatewayRuntime runtime) =>
        runtime.Store.WriteAsync([.. Enumerable.Range(0, 12 * 60).Select(m => new Sample(Running, GoLive.AddMinutes(m), m < 600 ? 1 : 0))], default);

    private static async Task<StoredState> StateOf(GatewayRuntime runtime, string clause) =>
        new((await runtime.Commitments.AllAsync(default)).SingleOrDefault(s => s.ClauseId == clause)?.Snapshot);

    private sealed record StoredState(CommitmentSnapshot? Snapshot);

    [Fact]
    public async Task A_reload_keeps_an_unchanged_clause_mid_debounce_and_starts_a_changed_clause_afresh_with_the_change_recorded()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Debounced + "\n" + Strict(">= 98%"));
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site.Load(), clock, NullLoggerFactory.Instance);
        await WriteRunning(runtime);
        await runtime.Evaluator.RecordContractsAsync(GoLive, default);
        for (var m = 60; m <= 620; m += 10) await runtime.Evaluator.EvaluateAsync(GoLive.AddMinutes(m), default);
        var debouncedBefore = (await StateOf(runtime, "debounced")).Snapshot!;
        var strictBefore = (await StateOf(runtime, "strict")).Snapshot!;
        Assert.NotNull(debouncedBefore.PendingSince); // the breach is waiting out its debounce
        Assert.True(strictBefore.InBreach);

        site.WriteClauses(Debounced + "\n" + Strict(">= 90%"));
        var reloaded = await new ContractReloader(runtime, clock, NullLogger<ContractReloader>.Instance).ReloadAsync(default);
        for (var m = 630; m <= 660; m += 10) await runtime.Evaluator.EvaluateAsync(GoLive.AddMinutes(m), default);

        Assert.True(reloaded);
        var lines = await File.ReadAllLinesAsync(runtime.Paths.Ledger);
        var change = Assert.Single(lines, l => l.Contains("\"kind\":\"clause-changed\"", StringComparison.Ordinal));
        Assert.Contains("\"clause\":\"strict\"", change);
        Assert.Equal(2, lines.Count(l => l.Contains("\"kind\":\"contract-loaded\"", StringComparison.Ordinal)));
        var debounced = (await StateOf(runtime, "debounced")).Snapshot!;
        // Entered the breach when the debounce that started before the reload ran out, not 30 min after the reload.
        Assert.Equal((CommitmentState.Breached, debouncedBefore.PendingSince!.Value.AddMinutes(30)), (debounced.State, debounced.Since));
        var strict = (await StateOf(runtime, "strict")).Snapshot!;
        Assert.False(strict.InBreach);
        Assert.Equal(strictBefore.EpisodeNumber, strict.EpisodeNumber); // episode ids never repeat
        Assert.True(LedgerVerifier.Verify(runtime.Paths.Ledger).Intact);
    }

    [Fact]
    public async Task A_removed_clause_is_recorded_and_forgotten()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Debounced + "\n" + Strict(">= 98%"));
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site.Load(), clock, NullLoggerFactory.Instance);
        await WriteRunning(runtime);
        await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(11), default);

        site.WriteClauses(Debounced);
        await new ContractReloader(runtime, clock, NullLogger<ContractReloader>.Instance).ReloadAsync(default);

        Assert.Null((await StateOf(runtime, "strict")).Snapshot);
        Assert.NotNull((await StateOf(runtime, "debounced")).Snapshot);
        Assert.Single(await File.ReadAllLinesAsync(runtime.Paths.Ledger), l => l.Contains("\"kind\":\"clause-removed\"", StringComparison.Ordinal) && l.Contains("\"clause\":\"strict\"", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime.Evaluator.Statuses, s => s.Clause.Id.Value == "strict");
    }

    [Fact]
    public async Task A_contract_file_with_errors_changes_nothing()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Strict(">= 98%"));
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site.Load(), clock, NullLoggerFactory.Instance);
        var before = runtime.Evaluator.Contracts;

        site.WriteClauses(Strict(">= lots"));
        var reloaded = await new ContractReloader(runtime, clock, NullLogger<ContractReloader>.Instance).ReloadAsync(default);

        Assert.False(reloaded);
        Assert.Same(before, runtime.Evaluator.Contracts);
    }

    [Fact]
    public async Task A_clause_changed_while_the_gateway_was_down_starts_afresh_at_the_next_start()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Strict(">= 98%"));
        using (var first = new GatewayRuntime(site.Load(), new ManualClock(GoLive), NullLoggerFactory.Instance))
        {
            await WriteRunning(first);
            await first.Evaluator.EvaluateAsync(GoLive.AddHours(11), default);
        }
        site.WriteClauses(Strict(">= 90%"));

        using var second = new GatewayRuntime(site.Load(), new ManualClock(GoLive.AddHours(12)), NullLoggerFactory.Instance);
        await second.Evaluator.RecordContractsAsync(GoLive.AddHours(12), default);

        Assert.Equal(CommitmentState.Scheduled, (await StateOf(second, "strict")).Snapshot!.State);
        Assert.Single(await File.ReadAllLinesAsync(second.Paths.Ledger), l => l.Contains("\"kind\":\"clause-changed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_watcher_reloads_when_the_contract_file_is_saved()
    {
        using var dir = new TempDirectory();
        var site = new EditableSite(dir, Strict(">= 98%"));
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site.Load(), clock, NullLoggerFactory.Instance);
        using var watcher = new ContractWatcher(runtime, new ContractReloader(runtime, clock, NullLogger<ContractReloader>.Instance));
        await watcher.StartAsync(default);
        await watcher.Watching.WaitAsync(TimeSpan.FromSeconds(10));

        site.WriteClauses(Strict(">= 90%"));

        await Eventually.WaitFor(() => runtime.Evaluator.Contracts[0].Clauses[0].Target.ToString() == ">= 90%", "the watcher to reload the saved contract", 20);
        await watcher.StopAsync(default);
    }
}
