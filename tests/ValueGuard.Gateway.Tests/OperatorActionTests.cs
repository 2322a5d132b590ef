using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Operators;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class OperatorActionTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private const string Contract = "ACME-2026-017";
    private const string Clause = "press-availability";

    /// <summary>Press samples every 5 minutes for 48 h, down from hour 20 on: the 30-day clause breaches at hour 21.</summary>
    private static Task WriteBreach(GatewayRuntime runtime) =>
        runtime.Store.WriteAsync([.. Enumerable.Range(0, 48 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i < 20 * 12 ? 1 : 0))], default);

    private static OperatorAction Action(OperatorActionKind kind, DateTimeOffset at, DateTimeOffset? until = null, string clause = Clause) =>
        new(kind, Contract, clause, "li.wei", "press-07 hydraulic pump replaced, vendor on site", until, at);

    private static CommitmentSnapshot Press(GatewayRuntime runtime) => runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == Clause).Snapshot;

    [Fact]
    public async Task An_acknowledgement_queued_by_the_cli_is_applied_on_the_next_pass_and_recorded_with_who_and_why()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WriteBreach(runtime);
        for (var h = 1; h <= 22; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        Assert.Equal(CommitmentState.Breached, Press(runtime).State);

        // What `valueguard ack` does: write to the queue file, from another process.
        using (var cli = new SqliteOperatorActionQueue(runtime.Paths.OperatorActions))
            await cli.EnqueueAsync(Action(OperatorActionKind.Acknowledge, GoLive.AddHours(22)), default);
        clock.Now = GoLive.AddHours(22).AddMinutes(1);
        await runtime.OperatorActions.ApplyQueuedAsync(default);
        for (var h = 23; h <= 48; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);

        Assert.Equal(CommitmentState.Acknowledged, Press(runtime).State);
        Assert.DoesNotContain(await runtime.Outbox.AllAsync(default), e => e.Action.Kind == EscalationActionKind.Escalate);
        var record = Assert.Single(await File.ReadAllLinesAsync(runtime.Paths.Ledger), l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal));
        Assert.Contains("\"actor\":\"li.wei\"", record);
        Assert.Contains("\"reason\":\"press-07 hydraulic pump replaced, vendor on site\"", record);
        Assert.Contains("\"state_before\":\"Breached\",\"state_after\":\"Acknowledged\"", record);
        Assert.Empty(await runtime.OperatorQueue.QueuedAsync(default));
        Assert.True(LedgerVerifier.Verify(runtime.Paths.Ledger).Intact);
    }

    [Fact]
    public async Task An_acknowledgement_tells_each_sink_that_heard_of_the_episode_once_who_took_it_on_citing_its_transition_record()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WriteBreach(runtime);
        for (var h = 1; h <= 22; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(22);

        var first = await runtime.OperatorActions.SubmitAsync(Action(OperatorActionKind.Acknowledge, clock.Now), default);
        var again = await runtime.OperatorActions.SubmitAsync(Action(OperatorActionKind.Acknowledge, clock.Now) with { Actor = "someone.else" }, default);
        for (var h = 23; h <= 48; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(48);
        await runtime.Dispatcher.DeliverDueAsync(default);

        Assert.Equal((OperatorActionStatus.Applied, OperatorActionStatus.Refused), (first.Status, again.Status));
        var entries = await runtime.Outbox.AllAsync(default);
        var open = Assert.Single(entries, e => e.Action.Kind == EscalationActionKind.Open);
        var ack = Assert.Single(entries, e => e.Action.Kind == EscalationActionKind.Acknowledge);
        Assert.Equal((open.Sink, open.Action.Episode, "li.wei"), (ack.Sink, ack.Action.Episode, ack.Action.Actor));
        Assert.Equal($"{open.Action.Episode}#acknowledge-0", ack.Action.IdempotencyKey);
        Assert.Equal(("Acknowledged", open.Action.Content.ClauseText), (ack.Action.Content.State, ack.Action.Content.ClauseText));
        Assert.NotEqual("unknown", ack.Action.Content.Actual);
        Assert.Equal(OutboxStatus.Done, ack.Status);
        var transition = File.ReadLines(runtime.Paths.Ledger).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("kind").GetString() == "transition" && r.GetProperty("body").GetProperty("to").GetString() == "Acknowledged");
        Assert.Equal(transition.GetProperty("hash").GetString(), ack.Action.Content.EvidenceHash);
        var ticket = await File.ReadAllTextAsync(Path.Combine(dir.File("tickets"), open.RemoteId!));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(ticket, "Breach acknowledged by li.wei"));
    }

    [Fact]
    public async Task Submitting_an_action_for_an_unknown_clause_is_refused_and_records_nothing()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);

        var result = await runtime.OperatorActions.SubmitAsync(Action(OperatorActionKind.Acknowledge, GoLive, clause: "no-such-clause"), default);

        Assert.Equal(OperatorActionStatus.Refused, result.Status);
        Assert.Contains("no clause ACME-2026-017/no-such-clause", result.Detail);
        Assert.False(File.Exists(runtime.Paths.Ledger) && (await File.ReadAllLinesAsync(runtime.Paths.Ledger)).Length > 0);
    }

    [Fact]
    public async Task A_waiver_holds_a_breached_clause_until_it_expires_then_the_same_episode_goes_on()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WriteBreach(runtime);
        for (var h = 1; h <= 22; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(22);

        var waived = await runtime.OperatorActions.SubmitAsync(Action(OperatorActionKind.Waive, clock.Now, GoLive.AddHours(30)), default);
        var states = new List<CommitmentState>();
        for (var h = 23; h <= 31; h++)
        {
            await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
            states.Add(Press(runtime).State);
        }

        Assert.Equal(OperatorActionStatus.Applied, waived.Status);
        Assert.Equal([.. Enumerable.Repeat(CommitmentState.Waived, 7), CommitmentState.Breached, CommitmentState.Breached], states);
        Assert.Equal(1, Press(runtime).EpisodeNumber);
        Assert.Single(await runtime.Outbox.AllAsync(default), e => e.Action.Kind == EscalationActionKind.Open);
    }

    [Fact]
    public async Task A_snooze_of_a_clause_that_is_met_is_applied_and_changes_no_state()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await WriteBreach(runtime);
        await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(2), default);

        var snoozed = await runtime.OperatorActions.SubmitAsync(Action(OperatorActionKind.Snooze, GoLive, GoLive.AddHours(8)), default);

        Assert.Equal(OperatorActionStatus.Applied, snoozed.Status);
        Assert.Equal((CommitmentState.Compliant, GoLive.AddHours(8)), (Press(runtime).State, Press(runtime).SnoozedUntil));
    }
}
