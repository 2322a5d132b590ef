using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests;

public class SinkCircuitTests
{
    private sealed class DownSink : ITicketSink
    {
        public bool Down { get; set; } = true;

        public int Calls { get; private set; }

        public string Name => "redmine";

        public Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
        {
            Calls++;
            return Down ? throw new HttpRequestException("connection refused") : Task.FromResult("T-" + action.Episode.Number);
        }
    }

    [Fact]
    public async Task A_sink_that_keeps_failing_is_left_alone_and_waiting_entries_keep_their_attempts()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var clock = new ManualClock(Actions.T0.AddDays(1));
        var sink = new DownSink();
        var dispatcher = new EscalationDispatcher(outbox, [sink], clock, NullLogger<EscalationDispatcher>.Instance);
        for (var episode = 1; episode <= 5; episode++)
            await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open, episode: episode), ["redmine"], default);

        await dispatcher.DeliverDueAsync(default);

        Assert.Equal(3, sink.Calls); // the breaker opened after three failures
        var entries = await outbox.UndeliveredAsync(default);
        Assert.Equal([1, 1, 1, 0, 0], entries.Select(e => e.Attempts));
    }

    [Fact]
    public async Task After_the_break_one_probe_closes_the_circuit_and_everything_is_delivered_in_order()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var clock = new ManualClock(Actions.T0.AddDays(1));
        var sink = new DownSink();
        var dispatcher = new EscalationDispatcher(outbox, [sink], clock, NullLogger<EscalationDispatcher>.Instance);
        for (var episode = 1; episode <= 5; episode++)
            await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open, episode: episode), ["redmine"], default);
        await dispatcher.DeliverDueAsync(default);

        sink.Down = false;
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default)); // still open: nobody calls the sink
        Assert.Equal(3, sink.Calls);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(5, await dispatcher.DeliverDueAsync(default));

        Assert.Empty(await outbox.UndeliveredAsync(default));
        Assert.Equal(Enumerable.Range(1, 5).Select(n => "T-" + n), (await outbox.AllAsync(default)).Select(e => e.RemoteId));
    }

    [Fact]
    public async Task Dead_actions_are_listed_and_retried_on_demand_one_or_all()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var now = Actions.T0.AddDays(1);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open, episode: 1), ["redmine"], default);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open, episode: 2), ["redmine"], default);
        foreach (var entry in await outbox.AllAsync(default)) await outbox.MarkFailedAsync(entry.Id, "503", now, dead: true, default);
        var (first, second) = ((await outbox.AllAsync(default))[0], (await outbox.AllAsync(default))[1]);

        Assert.Equal(1, await outbox.RetryDeadAsync(first.Id, now, default));
        Assert.Equal([OutboxStatus.Pending, OutboxStatus.Dead], (await outbox.UndeliveredAsync(default)).Select(e => e.Status));
        Assert.Equal(0, (await outbox.UndeliveredAsync(default))[0].Attempts);
        Assert.Equal(1, await outbox.RetryDeadAsync(null, now, default));
        Assert.Equal(0, await outbox.RetryDeadAsync(second.Id, now, default));
    }

    [Fact]
    public void Circuit_options_name_the_setting_that_is_wrong()
    {
        var errors = new SinkCircuitOptions { MinimumFailures = 1, BreakDuration = TimeSpan.Zero }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("circuit minimum_failures", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("circuit break_duration", StringComparison.Ordinal));
    }
}
