using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Memory;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class DryRunTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_dry_run_lists_the_breach_and_the_ticket_it_would_open_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        var store = new InMemoryTimeSeriesStore();
        var running = new SignalId("press-07", "running");
        await store.WriteAsync([.. Enumerable.Range(0, 24 * 12).Select(i => new Sample(running, GoLive.AddMinutes(5 * i), i < 12 * 12 ? 1 : 0))], default);

        var events = await DryRun.RunAsync(site, store, GoLive, GoLive.AddHours(24), TimeSpan.FromHours(1), default);

        var press = events.Where(e => e.ClauseId == "press-availability").ToList();
        Assert.Equal([CommitmentState.Compliant, CommitmentState.Breached, CommitmentState.Escalated, CommitmentState.Escalated], press.Select(e => e.To));
        var open = press.Single(e => e.Action == EscalationActionKind.Open);
        Assert.Equal(GoLive.AddHours(13), open.At); // 1 h down of 13 h: 92.3 % < 98 %
        Assert.False(Directory.Exists(site.Site.DataDirectory));
    }
}
