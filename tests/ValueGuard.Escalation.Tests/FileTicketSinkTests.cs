using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests;

public class FileTicketSinkTests
{
    [Fact]
    public async Task One_breach_episode_is_one_ticket_file_that_grows_with_each_action()
    {
        using var dir = new TempDirectory();
        var sink = new FileTicketSink("files", dir.Path);

        var opened = await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        var escalated = await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve, 1), default);

        Assert.Equal(opened, escalated);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("Breach of ACME-2026-017 / press-availability (episode 1)", text);
        Assert.Contains("Breach opened", text);
        Assert.Contains("Escalated to level 1", text);
        Assert.Contains("Status: resolved", text);
    }

    [Fact]
    public async Task Delivering_the_same_action_twice_changes_nothing()
    {
        using var dir = new TempDirectory();
        var sink = new FileTicketSink("files", dir.Path);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        var before = await File.ReadAllTextAsync(file);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal(before, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Separate_episodes_get_separate_tickets()
    {
        using var dir = new TempDirectory();
        var sink = new FileTicketSink("files", dir.Path);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open, episode: 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open, episode: 2), default);

        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }
}
