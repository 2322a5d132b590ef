using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Verdicts;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class ClauseEvaluatorTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");

    /// <summary>Press samples every 5 minutes for <paramref name="hours"/>, down from hour 20 to 30.</summary>
    private static async Task WritePlantData(GatewayRuntime runtime, int hours)
    {
        var samples = new List<Sample>();
        for (var m = 0; m < hours * 60; m += 5)
        {
            var t = GoLive.AddMinutes(m);
            samples.Add(new Sample(Running, t, m is >= 20 * 60 and < 30 * 60 ? 0 : 1));
            samples.Add(new Sample(Ok, t, m * 10.0));
            samples.Add(new Sample(Total, t, m * 10.0));
        }
        await runtime.Store.WriteAsync(samples, default);
    }

    [Fact]
    public async Task A_breach_is_recorded_in_the_ledger_and_puts_one_open_action_in_the_outbox()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WritePlantData(runtime, 48);

        for (var h = 1; h <= 48; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        var press = runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability");
        Assert.Equal(Verdict.Breached, press.Verdict);
        Assert.Equal(1, press.Snapshot.EpisodeNumber);
        Assert.Equal(10.0 / 48, 1 - press.Result!.Value, 3);
        var open = Assert.Single(await runtime.Outbox.AllAsync(default), e => e.Action.Kind == EscalationActionKind.Open);
        Assert.Equal("ACME-2026-017/press-availability/1", open.Action.Episode.ToString());
        Assert.Equal(Verdict.Met, runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "mes-api-success").Verdict);
        var verification = LedgerVerifier.Verify(runtime.Paths.Ledger);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(runtime.Ledger.Head, verification.Head);
    }

    [Fact]
    public async Task After_a_restart_the_clause_continues_its_episode_instead_of_opening_another()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        var clock = new ManualClock(GoLive);
        using (var first = new GatewayRuntime(site, clock, NullLoggerFactory.Instance))
        {
            await WritePlantData(first, 48);
            for (var h = 1; h <= 24; h++) await first.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
            Assert.True(first.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability").Snapshot.InBreach);
        }

        using var second = new GatewayRuntime(site, clock, NullLoggerFactory.Instance);
        for (var h = 25; h <= 48; h++) await second.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        var press = second.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability");
        Assert.Equal(1, press.Snapshot.EpisodeNumber);
        Assert.Equal(CommitmentState.Escalated, press.Snapshot.State);
        Assert.Single(await second.Outbox.AllAsync(default), e => e.Action.Kind == EscalationActionKind.Open);
        Assert.True(LedgerVerifier.Verify(second.Paths.Ledger).Intact);
    }

    [Fact]
    public async Task Missing_data_makes_the_verdict_indeterminate_not_met()
    {
        using var dir = new TempDirectory();
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), new ManualClock(GoLive), NullLoggerFactory.Instance);
        await runtime.Store.WriteAsync([new Sample(Running, GoLive, 1)], default);

        await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(5), default);

        var press = runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability");
        Assert.Equal(Verdict.Indeterminate, press.Verdict);
        Assert.Equal(CommitmentState.Indeterminate, press.Snapshot.State);
    }

    [Fact]
    public async Task Delivered_tickets_land_in_the_file_sink()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WritePlantData(runtime, 30);
        for (var h = 1; h <= 30; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(30);

        await runtime.Dispatcher.DeliverDueAsync(default);

        var ticket = Assert.Single(Directory.GetFiles(dir.File("tickets")));
        Assert.Contains("press-availability", await File.ReadAllTextAsync(ticket));
    }

    [Fact]
    public async Task A_late_sample_inside_a_period_still_decides_its_final_verdict()
    {
        using var dir = new TempDirectory();
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), new ManualClock(GoLive), NullLoggerFactory.Instance);
        var end = GoLive.AddDays(30);
        var upAllPeriod = Enumerable.Range(0, 30 * 24 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), 1)).ToList();
        await runtime.Store.WriteAsync(upAllPeriod, default);

        await runtime.Evaluator.EvaluateAsync(end, default);
        var atEnd = runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability").Snapshot.State;
        // The press PLC's buffer arrives late: it was down for the last 20 h of the period.
        await runtime.Store.WriteAsync([.. upAllPeriod.Where(s => s.Timestamp >= end.AddHours(-20)).Select(s => s with { Value = 0 })], default);
        await runtime.Evaluator.EvaluateAsync(end.AddMinutes(10), default);
        await runtime.Evaluator.EvaluateAsync(end.AddMinutes(15), default);

        Assert.Equal(CommitmentState.Compliant, atEnd);
        var press = runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability");
        Assert.Equal(CommitmentState.ClosedMissed, press.Snapshot.State);
        Assert.Equal(1 - 20.0 / 720, press.Result!.Value, 6);
    }

    [Fact]
    public async Task Recorded_verdicts_re_evaluate_from_the_raw_data_and_a_changed_sample_is_found()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        using var runtime = new GatewayRuntime(site, new ManualClock(GoLive), NullLoggerFactory.Instance);
        await WritePlantData(runtime, 48);
        await runtime.Evaluator.RecordContractsAsync(GoLive, default);
        for (var h = 1; h <= 48; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        var untouched = await LedgerReevaluation.RunAsync(runtime.Paths.Ledger, site, runtime.Store, default);
        await runtime.Store.WriteAsync([new Sample(Running, GoLive.AddHours(20), 1)], default); // someone "fixes" a stop
        var tampered = await LedgerReevaluation.RunAsync(runtime.Paths.Ledger, site, runtime.Store, default);

        Assert.True(untouched.AllMatch, untouched.Problem);
        Assert.True(untouched.Checked >= 4);
        Assert.Equal(0, untouched.Skipped);
        Assert.False(tampered.AllMatch);
        Assert.Contains("press-availability", tampered.Problem);
    }

    [Fact]
    public async Task A_torn_ledger_tail_is_recorded_as_a_ledger_damage_record_at_start()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        using (var first = new GatewayRuntime(site, new ManualClock(GoLive), NullLoggerFactory.Instance))
            await first.Evaluator.RecordContractsAsync(GoLive, default);
        await File.AppendAllTextAsync(dir.File("data/ledger.jsonl"), "{\"seq\":2,\"at\":\"2026-03-0"); // power cut mid-write

        using var second = new GatewayRuntime(site, new ManualClock(GoLive.AddHours(1)), NullLoggerFactory.Instance);
        await second.RecordStartupLossesAsync(GoLive.AddHours(1), default);

        var lines = await File.ReadAllLinesAsync(dir.File("data/ledger.jsonl"));
        Assert.Contains("\"kind\":\"ledger-damage\"", lines[^1]);
        Assert.Contains("\"cut_lines\":1", lines[^1]);
        Assert.True(LedgerVerifier.Verify(dir.File("data/ledger.jsonl")).Intact);
    }
}
