using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class EscalationCommandTests
{
    private static async Task<(string Site, string Outbox)> SiteWithDeadAction(TempDirectory dir)
    {
        var site = dir.File("site.yaml");
        await File.WriteAllTextAsync(site, $"site: s\ndata_dir: data\ndevice_profiles: [{RepoPaths.DeviceProfiles}]\ndevices: []\n");
        Directory.CreateDirectory(dir.File("data"));
        var path = dir.File("data/outbox.db");
        using var outbox = new EscalationOutbox(path);
        var content = new TicketContent("ACME", "C-1", "k", "text", ">= 98%", "97%", "100 %", "w", "Breached", "high", null, "h");
        await outbox.EnqueueAsync(new EscalationAction(new BreachEpisodeId("C-1", "k", 1), EscalationActionKind.Open, 0, DateTimeOffset.UnixEpoch, content), ["redmine"], default);
        var entry = (await outbox.AllAsync(default))[0];
        await outbox.MarkFailedAsync(entry.Id, "503 Service Unavailable", DateTimeOffset.UnixEpoch, dead: true, default);
        return (site, path);
    }

    [Fact]
    public async Task List_shows_dead_actions_with_their_id_and_last_error()
    {
        using var dir = new TempDirectory();
        var (site, _) = await SiteWithDeadAction(dir);
        var output = new StringWriter();

        Assert.Equal(0, await Commands.EscalationCommand.ListAsync(site, output, default));

        Assert.Contains("1\tDead\tredmine\tC-1/k/1#open-0\tattempts 1", output.ToString());
        Assert.Contains("0 pending, 1 dead", output.ToString());
    }

    [Fact]
    public async Task Retry_makes_a_dead_action_pending_again_and_an_unknown_id_exits_1()
    {
        using var dir = new TempDirectory();
        var (site, path) = await SiteWithDeadAction(dir);

        Assert.Equal(1, await Commands.EscalationCommand.RetryAsync(site, 42, new StringWriter(), default));
        Assert.Equal(0, await Commands.EscalationCommand.RetryAsync(site, 1, new StringWriter(), default));

        using var outbox = new EscalationOutbox(path);
        var entry = Assert.Single(await outbox.UndeliveredAsync(default));
        Assert.Equal((OutboxStatus.Pending, 0), (entry.Status, entry.Attempts));
    }
}
