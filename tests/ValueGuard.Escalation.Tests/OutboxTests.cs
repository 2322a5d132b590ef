using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests;

public class OutboxTests
{
    private sealed class RecordingSink(string name) : ITicketSink
    {
        public List<string> Delivered { get; } = [];

        public int FailuresLeft { get; set; }

        public string Name => name;

        public Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new HttpRequestException("503 Service Unavailable");
            }
            Delivered.Add(action.IdempotencyKey);
            return Task.FromResult("T-" + action.Episode.Number);
        }
    }

    [Fact]
    public async Task The_same_action_is_enqueued_once_per_sink()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));

        var first = await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["redmine", "files"], default);
        var again = await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["redmine", "files"], default);

        Assert.Equal(2, first);
        Assert.Equal(0, again);
        Assert.Equal(2, (await outbox.AllAsync(default)).Count);
    }

    [Fact]
    public async Task Entries_survive_reopening_the_outbox_until_delivered()
    {
        using var dir = new TempDirectory();
        using (var outbox = new EscalationOutbox(dir.File("outbox.db")))
            await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["files"], default);

        using var reopened = new EscalationOutbox(dir.File("outbox.db"));
        var sink = new RecordingSink("files");
        var dispatcher = new EscalationDispatcher(reopened, [sink], new ManualClock(Actions.T0.AddDays(1)), NullLogger<EscalationDispatcher>.Instance);

        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        Assert.Equal(["ACME-2026-017/press-availability/1#open-0"], sink.Delivered);
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_failed_action_is_retried_after_backoff_and_later_actions_of_its_episode_wait()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var clock = new ManualClock(Actions.T0.AddDays(1));
        var sink = new RecordingSink("redmine") { FailuresLeft = 1 };
        var dispatcher = new EscalationDispatcher(outbox, [sink], clock, NullLogger<EscalationDispatcher>.Instance);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["redmine"], default);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Escalate, 1), ["redmine"], default);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open, episode: 1, clause: "other-clause"), ["redmine"], default);

        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));       // open fails; escalate waits; the other episode goes
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));       // still backing off
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await dispatcher.DeliverDueAsync(default));

        Assert.Equal(
            ["ACME-2026-017/other-clause/1#open-0", "ACME-2026-017/press-availability/1#open-0", "ACME-2026-017/press-availability/1#escalate-1"],
            sink.Delivered);
        var failed = (await outbox.AllAsync(default)).Single(e => e.Action.Kind == EscalationActionKind.Open && e.Action.Episode.ClauseId == "press-availability");
        Assert.Equal((OutboxStatus.Done, 2), (failed.Status, failed.Attempts));
    }

    [Fact]
    public async Task After_the_maximum_attempts_an_action_is_dead_and_visible()
    {
        using var dir = new TempDirectory();
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var clock = new ManualClock(Actions.T0.AddDays(1));
        var sink = new RecordingSink("redmine") { FailuresLeft = int.MaxValue };
        var dispatcher = new EscalationDispatcher(outbox, [sink], clock, NullLogger<EscalationDispatcher>.Instance);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["redmine"], default);

        for (var i = 0; i < EscalationDispatcher.MaxAttempts; i++)
        {
            await dispatcher.DeliverDueAsync(default);
            clock.Advance(TimeSpan.FromHours(2));
        }

        var entry = Assert.Single(await outbox.AllAsync(default));
        Assert.Equal(OutboxStatus.Dead, entry.Status);
        Assert.Equal(EscalationDispatcher.MaxAttempts, entry.Attempts);
        Assert.Contains("503", entry.LastError);
    }
}
