using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Redmine;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Tickets;

/// <summary>The Redmine sink against Debian's Redmine 5, through the durable outbox and the dispatcher.</summary>
[Collection(RedmineCollection.Name)]
public sealed class RedmineTicketSinkTests(RedmineServer redmine) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 12, 4, 0, 0, TimeSpan.Zero);

    // Every test gets a contract of its own, so tests and earlier runs never see each other's issues.
    private readonly string contract = "IT-" + Guid.NewGuid().ToString("N")[..10];
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly ManualClock clock = new(T0);

    [Fact]
    public async Task A_breach_episode_opens_exactly_one_issue_with_high_priority()
    {
        var run = Run(Sink());
        await run.Deliver(Action(EscalationActionKind.Open));

        var issue = Assert.Single(await IssuesOfEpisode(1));
        Assert.Equal("High", issue["priority"]!["name"]!.GetValue<string>());
        Assert.Equal("New", issue["status"]!["name"]!.GetValue<string>());
        Assert.Contains($"{contract} / press-availability (episode 1)", issue["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        var description = issue["description"]!.GetValue<string>();
        Assert.Contains($"Customer: ACME Precision Parts; contract: {contract}; clause: press-availability", description, StringComparison.Ordinal);
        Assert.Contains("Clause: Press-07 availability is at least 98 %", description, StringComparison.Ordinal);
        Assert.Contains("Target: >= 98%; actual: 97.761%; coverage: 100.0 %", description, StringComparison.Ordinal);
        Assert.Contains("Window: [2026-03-01T00:00:00Z, 2026-03-12T04:00:00Z)", description, StringComparison.Ordinal);
        Assert.Contains("Forecast: the target cannot be met in this period", description, StringComparison.Ordinal);
        Assert.Contains($"Report: https://reports.acme.example/vg/{contract}/press-availability", description, StringComparison.Ordinal);
        Assert.Contains("Evidence record: " + new string('a', 64), description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_adds_a_note_and_raises_the_priority()
    {
        var run = Run(Sink());
        await run.Deliver(Action(EscalationActionKind.Open));
        await run.Deliver(Action(EscalationActionKind.Escalate, 1));
        await run.Deliver(Action(EscalationActionKind.Escalate, 2));

        var issue = await IssueWithJournals();
        Assert.Equal("Immediate", issue["priority"]!["name"]!.GetValue<string>());
        var notes = Notes(issue);
        Assert.Equal(2, notes.Count);
        Assert.StartsWith("Escalated to level 1", notes[0], StringComparison.Ordinal);
        Assert.EndsWith($"valueguard-action: {contract}/press-availability/1#escalate-2", notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_adds_one_note_naming_who_and_changes_neither_status_nor_priority()
    {
        var run = Run(Sink());
        await run.Deliver(Action(EscalationActionKind.Open));
        var before = await IssueWithJournals();
        await run.Deliver(Action(EscalationActionKind.Acknowledge) with { Actor = "li.wei" });
        await run.Deliver(Action(EscalationActionKind.Acknowledge) with { Actor = "li.wei" });

        var issue = await IssueWithJournals();
        var note = Assert.Single(Notes(issue));
        Assert.StartsWith("Breach acknowledged by li.wei", note, StringComparison.Ordinal);
        Assert.EndsWith($"valueguard-action: {contract}/press-availability/1#acknowledge-0", note, StringComparison.Ordinal);
        Assert.Equal(before["status"]!["name"]!.GetValue<string>(), issue["status"]!["name"]!.GetValue<string>());
        Assert.Equal(before["priority"]!["name"]!.GetValue<string>(), issue["priority"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_resolves_and_close_closes_the_issue()
    {
        var run = Run(Sink());
        await run.Deliver(Action(EscalationActionKind.Open));
        await run.Deliver(Action(EscalationActionKind.Resolve));
        Assert.Equal("Resolved", (await IssueWithJournals())["status"]!["name"]!.GetValue<string>());

        await run.Deliver(Action(EscalationActionKind.Close));

        var issue = await IssueWithJournals();
        Assert.Equal("Closed", issue["status"]!["name"]!.GetValue<string>());
        Assert.StartsWith("Period closed", Notes(issue)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_action_delivered_twice_still_leaves_one_issue_and_one_note_per_action()
    {
        // The process "crashes" after each send, before the outbox marks the action done: the dispatcher sends it again.
        var sink = new CrashAfterSend(Sink());
        var run = Run(sink);
        EscalationAction[] script =
        [
            Action(EscalationActionKind.Open), Action(EscalationActionKind.Escalate, 1), Action(EscalationActionKind.Escalate, 2),
            Action(EscalationActionKind.Resolve), Action(EscalationActionKind.Close),
        ];

        foreach (var action in script) await run.Deliver(action);

        Assert.Equal(script.Length * 2, sink.Sends);
        Assert.All(await run.Outbox.AllAsync(default), e => Assert.Equal(OutboxStatus.Done, e.Status));
        var issue = Assert.Single(await IssuesOfEpisode(1));
        var notes = Notes(await IssueWithJournals());
        Assert.Equal(
            script.Skip(1).Select(a => $"valueguard-action: {a.IdempotencyKey}"),
            notes.Select(n => n.Split('\n')[^1]));
        Assert.Equal("Closed", issue["status"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_restarted_gateway_with_a_fresh_outbox_finds_the_open_issue()
    {
        var first = await Sink().DeliverAsync(Action(EscalationActionKind.Open), default);

        var again = await Sink().DeliverAsync(Action(EscalationActionKind.Open), default);

        Assert.Equal(first, again);
        Assert.Single(await IssuesOfEpisode(1));
    }

    [Fact]
    public async Task Episode_10_is_not_mistaken_for_episode_1()
    {
        await Sink().DeliverAsync(Action(EscalationActionKind.Open, episode: 10), default);

        await Sink().DeliverAsync(Action(EscalationActionKind.Open, episode: 1), default);

        Assert.Single(await IssuesOfEpisode(1));
        Assert.Single(await IssuesOfEpisode(10));
    }

    [Fact]
    public async Task A_wrong_api_key_fails_the_delivery_so_the_outbox_retries()
    {
        var sink = new RedmineTicketSink(Options() with { ApiKeyFile = dir.Write("wrong.key", new string('0', 40)) }, http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sink.DeliverAsync(Action(EscalationActionKind.Open), default));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(redmine.ApiKey, error.Message, StringComparison.Ordinal);
    }

    private RedmineSinkOptions Options() => new()
    {
        Name = "redmine", Url = redmine.Url, ApiKeyFile = dir.Write("redmine.key", redmine.ApiKey + "\n"), Project = redmine.Project,
    };

    private RedmineTicketSink Sink() => new(Options(), http);

    private EscalationAction Action(EscalationActionKind kind, int level = 0, int episode = 1) =>
        new(new BreachEpisodeId(contract, "press-availability", episode), kind, level, T0.AddHours(level * 4),
            new TicketContent("ACME Precision Parts", contract, "press-availability", "Press-07 availability is at least 98 %",
                ">= 98%", "97.761%", "100.0 %", "[2026-03-01T00:00:00Z, 2026-03-12T04:00:00Z)",
                kind == EscalationActionKind.Close ? "ClosedMissed" : "Breached",
                EscalationPlanner.PriorityFor(kind, level), "delivery-team-3", new string('a', 64))
            {
                Forecast = "the target cannot be met in this period: with no more downtime it reaches at most 97.9% by its end (2026-03-31 00:00 UTC)",
                ReportUrl = $"https://reports.acme.example/vg/{contract}/press-availability",
            });

    private OutboxRun Run(ITicketSink sink)
    {
        var outbox = new EscalationOutbox(dir.File("outbox.db"));
        disposables.Add(outbox);
        return new OutboxRun(outbox, new EscalationDispatcher(outbox, [sink], clock, NullLogger<EscalationDispatcher>.Instance), clock);
    }

    private async Task<List<JsonNode>> IssuesOfEpisode(int episode)
    {
        var marker = Uri.EscapeDataString($"~[vg:{contract}/press-availability/{episode}]");
        var json = await Get($"/issues.json?project_id={redmine.Project}&status_id=*&subject={marker}");
        return json["issues"]!.AsArray().Select(i => i!)
            .Where(i => i["subject"]!.GetValue<string>().Contains($"[vg:{contract}/press-availability/{episode}]", StringComparison.Ordinal)).ToList();
    }

    private async Task<JsonNode> IssueWithJournals()
    {
        var id = Assert.Single(await IssuesOfEpisode(1))["id"]!.GetValue<int>();
        return (await Get($"/issues/{id}.json?include=journals"))["issue"]!;
    }

    private static List<string> Notes(JsonNode issue) =>
        issue["journals"]!.AsArray().Select(j => j!["notes"]!.GetValue<string>()).Where(n => n.Length > 0).ToList();

    private async Task<JsonNode> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(redmine.Url, path));
        request.Headers.Add("X-Redmine-API-Key", redmine.ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private readonly List<IDisposable> disposables = [];

    public void Dispose()
    {
        foreach (var d in disposables) d.Dispose();
        http.Dispose();
        dir.Dispose();
    }

    /// <summary>Enqueues an action and runs the dispatcher until the outbox holds nothing pending, advancing the clock past back-offs.</summary>
    private sealed record OutboxRun(EscalationOutbox Outbox, EscalationDispatcher Dispatcher, ManualClock Clock)
    {
        public async Task Deliver(EscalationAction action)
        {
            await Outbox.EnqueueAsync(action, ["redmine"], default);
            for (var round = 0; round < 8; round++)
            {
                await Dispatcher.DeliverDueAsync(default);
                var pending = await Outbox.PendingAsync(default);
                if (pending.Count == 0) return;
                // Past the back-off and past the sink's circuit breaker, which the simulated crashes may have opened.
                var pastBreak = Clock.Now + new SinkCircuitOptions().BreakDuration + TimeSpan.FromSeconds(1);
                var next = pending.Max(e => e.NextAttempt);
                Clock.Now = next > pastBreak ? next : pastBreak;
            }
            var stuck = await Outbox.PendingAsync(default);
            Assert.Fail($"still pending after 8 rounds: {string.Join("; ", stuck.Select(e => $"{e.Action.IdempotencyKey}: {e.LastError}"))}");
        }
    }

    /// <summary>Sends each action, then fails the first time as if the process died before the outbox marked it done.</summary>
    private sealed class CrashAfterSend(ITicketSink inner) : ITicketSink
    {
        private readonly HashSet<string> crashed = [];

        public int Sends { get; private set; }

        public string Name => inner.Name;

        public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
        {
            var id = await inner.DeliverAsync(action, cancellationToken);
            Sends++;
            if (crashed.Add(action.IdempotencyKey)) throw new IOException("simulated crash between sent and marked done");
            return id;
        }
    }
}
