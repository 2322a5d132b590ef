using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Signals;
using ValueGuard.Escalation.TwoWay;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Operators;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class TicketAcknowledgementPollerTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");

    /// <summary>A ticket system read back: acknowledged once a person is set, counting the reads.</summary>
    private sealed class FakeTicketSystem(string name) : ITicketAcknowledgementSource
    {
        public string Name => name;

        public string? AcknowledgedBy { get; set; }

        public List<(BreachEpisodeId Episode, string RemoteId)> Reads { get; } = [];

        public Task<TicketAcknowledgement?> FindAsync(BreachEpisodeId episode, string remoteId, CancellationToken cancellationToken)
        {
            Reads.Add((episode, remoteId));
            return Task.FromResult(AcknowledgedBy is { } by ? new TicketAcknowledgement($"Desk #{remoteId}", by, "status In Progress") : null);
        }
    }

    private static List<JsonElement> Records(GatewayRuntime runtime, string kind) =>
        [.. File.ReadLines(runtime.Paths.Ledger).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == kind)];

    [Fact]
    public async Task A_ticket_acknowledged_remotely_acknowledges_the_breach_once_however_often_it_is_polled()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 48 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i < 20 * 12 ? 1 : 0))], default);
        for (var h = 1; h <= 22; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(22);
        await runtime.Dispatcher.DeliverDueAsync(default); // the file sink "files" opens the ticket
        var desk = new FakeTicketSystem("files");
        var poller = new TicketAcknowledgementPoller([new TwoWaySource(desk, TimeSpan.FromMinutes(1))], runtime.Evaluator, runtime.Outbox,
            runtime.OperatorActions, clock, NullLogger<TicketAcknowledgementPoller>.Instance);

        Assert.Equal(0, await poller.PollDueAsync(default));
        desk.AcknowledgedBy = "Li Wei";
        Assert.Equal(0, await poller.PollDueAsync(default)); // within the interval: not asked again
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await poller.PollDueAsync(default));
        for (var i = 0; i < 3; i++)
        {
            clock.Now += TimeSpan.FromMinutes(1);
            Assert.Equal(0, await poller.PollDueAsync(default));
        }

        var (episode, remoteId) = Assert.Single(desk.Reads.Distinct());
        Assert.Equal(new BreachEpisodeId("ACME-2026-017", "press-availability", 1), episode);
        Assert.Equal(2, desk.Reads.Count); // once before, once when acknowledged; never after
        Assert.Equal(CommitmentState.Acknowledged, runtime.Evaluator.Statuses.Single(s => s.Clause.Id.Value == "press-availability").Snapshot.State);
        var record = Assert.Single(Records(runtime, "operator-action")).GetProperty("body");
        Assert.Equal(("acknowledge", "Li Wei", $"acknowledged in Desk #{remoteId} by Li Wei (status In Progress)"),
            (record.GetProperty("action").GetString(), record.GetProperty("actor").GetString(), record.GetProperty("reason").GetString()));
        var told = Assert.Single(await runtime.Outbox.AllAsync(default), e => e.Action.Kind == Core.Escalation.EscalationActionKind.Acknowledge);
        Assert.Equal(("files", "Li Wei", episode), (told.Sink, told.Action.Actor, told.Action.Episode));
    }

    [Fact]
    public async Task A_breach_whose_ticket_was_never_delivered_is_not_read_back()
    {
        using var dir = new TempDirectory();
        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(ExampleSite.In(dir), clock, NullLoggerFactory.Instance);
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 48 * 12).Select(i => new Sample(Running, GoLive.AddMinutes(5 * i), i < 20 * 12 ? 1 : 0))], default);
        for (var h = 1; h <= 22; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        var desk = new FakeTicketSystem("files") { AcknowledgedBy = "Li Wei" };
        var poller = new TicketAcknowledgementPoller([new TwoWaySource(desk, TimeSpan.FromMinutes(1))], runtime.Evaluator, runtime.Outbox,
            runtime.OperatorActions, clock, NullLogger<TicketAcknowledgementPoller>.Instance);

        Assert.Equal(0, await poller.PollDueAsync(default));

        Assert.Empty(desk.Reads);
    }
}
