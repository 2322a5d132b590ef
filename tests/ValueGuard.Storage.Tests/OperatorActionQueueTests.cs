using ValueGuard.Core.Commitments;
using ValueGuard.Storage.Operators;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests;

public class OperatorActionQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static OperatorAction Waive(string reason) =>
        new(OperatorActionKind.Waive, "C-1", "clause-a", "alice", reason, T0.AddDays(1), T0);

    [Fact]
    public async Task Queued_actions_survive_reopening_in_order_with_who_and_why()
    {
        using var dir = new TempDirectory();
        using (var queue = new SqliteOperatorActionQueue(dir.File("operator-actions.db")))
        {
            await queue.EnqueueAsync(Waive("planned rebuild"), default);
            await queue.EnqueueAsync(Waive("second"), default);
        }

        using var reopened = new SqliteOperatorActionQueue(dir.File("operator-actions.db"));
        var queued = await reopened.QueuedAsync(default);

        Assert.Equal([Waive("planned rebuild"), Waive("second")], queued.Select(q => q.Action));
    }

    [Fact]
    public async Task A_completed_action_leaves_the_queue_and_cannot_be_completed_twice()
    {
        using var dir = new TempDirectory();
        using var queue = new SqliteOperatorActionQueue(dir.File("operator-actions.db"));
        var id = await queue.EnqueueAsync(Waive("x"), default);

        await queue.CompleteAsync(id, OperatorActionStatus.Applied, "moved", T0.AddSeconds(1), default);
        await queue.CompleteAsync(id, OperatorActionStatus.Refused, "again", T0.AddSeconds(2), default);

        Assert.Empty(await queue.QueuedAsync(default));
        var done = await queue.FindAsync(id, default);
        Assert.Equal((OperatorActionStatus.Applied, "moved", T0.AddSeconds(1)), (done!.Status, done.Detail, done.AppliedAt));
    }
}
