using System.Text.Json.Nodes;
using ValueGuard.IntegrationTests.Faults;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Tickets;

/// <summary>Needs: mosquitto, Redmine. Two-way tickets: a person's status change in Redmine acknowledges the breach.</summary>
[Collection(RedmineGatewayCollection.Name)]
public sealed class RedmineTwoWayTests(MosquittoBroker mosquitto, RedmineServer redmine)
{
    [Fact]
    public async Task A_person_taking_the_issue_on_in_Redmine_acknowledges_the_breach_once_across_polls_and_restarts()
    {
        await using var plant = new RedminePlant(mosquitto, redmine, redmine.Url, ", two_way: { poll_every: 1s }", escalateAfter: "10m");
        var person = await CreatePersonAsync(plant);
        await plant.StartAsync();

        using (var first = GatewayProcess.Start(plant.Site))
        {
            await Eventually.WaitFor(() => plant.Entered("Compliant"), "the clause to start Compliant", 90);
            plant.Running = false;
            await Eventually.WaitFor(() => plant.StatusOf("open-0") == "Done", "the issue to be opened", 60);
            var issue = Assert.Single(await plant.IssuesAsync());
            var id = issue["id"]!.GetValue<int>();
            await Task.Delay(TimeSpan.FromSeconds(3)); // a few polls that must find nothing: ValueGuard's own writes are not a person's
            Assert.Empty(plant.Ledger("operator-action"));

            var statuses = (await plant.GetAsync("/issue_statuses.json"))["issue_statuses"]!.AsArray();
            var inProgress = statuses.Single(s => s!["name"]!.GetValue<string>() == "In Progress")!["id"]!.GetValue<int>();
            await plant.SendAsync(HttpMethod.Put, $"/issues/{id}.json",
                new JsonObject { ["issue"] = new JsonObject { ["status_id"] = inProgress, ["notes"] = "On it, the press crew is looking." } }, asUser: person.Login);

            await Eventually.WaitFor(() => plant.Entered("Acknowledged"), "the breach to be acknowledged", 60);
            await Task.Delay(TimeSpan.FromSeconds(3)); // more polls: still one record
            first.KillHard();
        }
        using (var second = GatewayProcess.Start(plant.Site))
        {
            await Eventually.WaitFor(() => plant.Ledger("contract-loaded").Count >= 2, "the restarted gateway to run", 60);
            await Task.Delay(TimeSpan.FromSeconds(4));
        }

        var record = Assert.Single(plant.Ledger("operator-action")).GetProperty("body");
        var ticket = Assert.Single(await plant.IssuesAsync());
        Assert.Equal(person.Name, record.GetProperty("actor").GetString());
        Assert.Equal($"acknowledged in Redmine #{ticket["id"]} by {person.Name} (status In Progress)", record.GetProperty("reason").GetString());
        Assert.Equal("acknowledge", record.GetProperty("action").GetString());
        Assert.Single(plant.Ledger("transition"), t => t.GetProperty("body").GetProperty("to").GetString() == "Acknowledged");
    }

    /// <summary>A Redmine user other than ValueGuard's, able to change issues (the admin impersonates them through the REST API).</summary>
    private static async Task<(string Login, string Name)> CreatePersonAsync(RedminePlant plant)
    {
        var login = "li-wei-" + Guid.NewGuid().ToString("N")[..8];
        await plant.SendAsync(HttpMethod.Post, "/users.json", new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["login"] = login, ["firstname"] = "Li", ["lastname"] = "Wei", ["mail"] = login + "@acme.example",
                ["password"] = Guid.NewGuid().ToString("N"), ["admin"] = true,
            },
        });
        return (login, "Li Wei");
    }
}
