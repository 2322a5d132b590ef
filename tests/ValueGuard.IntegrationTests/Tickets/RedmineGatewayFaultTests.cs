using ValueGuard.IntegrationTests.Faults;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Tickets;

[CollectionDefinition(Name)]
public sealed class RedmineGatewayCollection : ICollectionFixture<MosquittoBroker>, ICollectionFixture<RedmineServer>
{
    public const string Name = "gateway tickets (mosquitto + Redmine)";
}

/// <summary>
/// Needs: mosquitto, Redmine. <c>valueguard run</c> as a child process drives a real Redmine through a proxy that
/// either withholds Redmine's answer (the gap between "sent" and "marked done") or is cut (Redmine away).
/// </summary>
[Collection(RedmineGatewayCollection.Name)]
public sealed class RedmineGatewayFaultTests(MosquittoBroker mosquitto, RedmineServer redmine)
{
    /// <summary>
    /// Redmine creates the issue, but its answer never reaches the gateway, which is killed with SIGKILL while it
    /// waits: the outbox still says "pending". The restarted gateway sends the open action again, finds the issue by
    /// its episode key instead of creating another, and its escalation and resolution land on that one issue.
    /// </summary>
    [Fact]
    public async Task Killing_the_gateway_between_sent_and_marked_done_still_leaves_exactly_one_issue()
    {
        await using var proxy = new HoldingHttpProxy(redmine.Url) { HoldResponsesTo = request => request == "POST /issues.json" };
        await using var plant = new RedminePlant(mosquitto, redmine, proxy.Url);
        await plant.StartAsync();

        using (var first = GatewayProcess.Start(plant.Site))
        {
            await Eventually.WaitFor(() => plant.Entered("Compliant"), "the clause to start Compliant", 90);
            plant.Running = false;
            await proxy.FirstHeld.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(await plant.IssuesAsync());
            Assert.Equal("Pending", plant.StatusOf("open-0"));
            first.KillHard();
        }
        proxy.HoldResponsesTo = null;

        using var second = GatewayProcess.Start(plant.Site);
        await Eventually.WaitFor(() => plant.StatusOf("escalate-1") == "Done", "the escalation to be delivered after the restart", 120);
        plant.Running = true;
        await Eventually.WaitFor(() => plant.StatusOf("resolve-0") == "Done" || plant.StatusOf("resolve-1") == "Done", "the resolution to be delivered", 120);

        var issue = Assert.Single(await plant.IssuesAsync());
        var journals = await plant.IssueWithJournalsAsync(issue["id"]!.GetValue<int>());
        Assert.Equal([$"{plant.Contract}/{RedminePlant.Clause}/1#escalate-1", $"{plant.Contract}/{RedminePlant.Clause}/1#resolve-1"], RedminePlant.ActionKeys(journals));
        Assert.Equal("Resolved", journals["status"]!["name"]!.GetValue<string>());
        Assert.Equal("Urgent", journals["priority"]!["name"]!.GetValue<string>());
        Assert.Single(plant.Ledger("transition"), t => t.GetProperty("body").GetProperty("to").GetString() == "Breached");
    }

    /// <summary>
    /// Redmine is unreachable from before the breach until after the recovery: open, escalate and resolve wait in
    /// the outbox, and once Redmine is back they arrive in that order on one issue.
    /// </summary>
    [Fact]
    public async Task Actions_queued_while_Redmine_is_away_are_delivered_in_order_when_it_is_back()
    {
        await using var proxy = new HoldingHttpProxy(redmine.Url);
        await using var plant = new RedminePlant(mosquitto, redmine, proxy.Url);
        await plant.StartAsync();
        using var gateway = GatewayProcess.Start(plant.Site);
        await Eventually.WaitFor(() => plant.Entered("Compliant"), "the clause to start Compliant", 90);

        proxy.Down = true;
        plant.Running = false;
        await Eventually.WaitFor(() => plant.Entered("Escalated"), "the breach to escalate", 60);
        plant.Running = true;
        await Eventually.WaitFor(() => plant.Entered("Recovered"), "the clause to recover", 90);
        Assert.Empty(await plant.IssuesAsync());
        Assert.Equal(["Pending", "Pending", "Pending"], plant.Outbox().Select(e => e.Status));

        proxy.Down = false;
        // The circuit breaker may have opened (60 s) and the open action backs off: allow both.
        await Eventually.WaitFor(() => plant.Outbox() is { Count: 3 } all && all.All(e => e.Status == "Done"), "every action to be delivered", 240);

        var issue = Assert.Single(await plant.IssuesAsync());
        var journals = await plant.IssueWithJournalsAsync(issue["id"]!.GetValue<int>());
        Assert.Equal([$"{plant.Contract}/{RedminePlant.Clause}/1#escalate-1", $"{plant.Contract}/{RedminePlant.Clause}/1#resolve-1"], RedminePlant.ActionKeys(journals));
        Assert.Equal("Resolved", journals["status"]!["name"]!.GetValue<string>());
    }
}
