using ValueGuard.Core.Commitments;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Jira;

/// <summary>Two-way Jira: the issue read back (REST v2 GET issue with the changelog) from a local receiver that answers as Jira does.</summary>
public sealed class JiraAcknowledgementTests : IDisposable
{
    private static readonly BreachEpisodeId Episode = new("ACME-2026-017", "press-availability", 1);
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private JiraTicketSink Sink(LoopbackReceiver jira) => new(new JiraSinkOptions
    {
        Name = "delivery-jira", Url = jira.Url, Project = "DEL", ApiTokenFile = dir.Write("jira.token", "tok-123\n"),
    }, http);

    private static string Issue(string statusName, string category, string changelog = "[]") => $$$"""
        {"key":"DEL-7","fields":{"status":{"name":"{{{statusName}}}","statusCategory":{"key":"{{{category}}}","name":"x"}},
         "assignee":{"displayName":"Zhang San"}},
         "changelog":{"startAt":0,"maxResults":2,"total":2,"histories":{{{changelog}}}}}
        """;

    [Fact]
    public async Task An_issue_still_to_do_is_not_acknowledged()
    {
        using var jira = LoopbackReceiver.Routing(_ => (200, Issue("To Do", "new")));

        Assert.Null(await Sink(jira).FindAsync(Episode, "DEL-7", default));

        var request = Assert.Single(jira.Requests);
        Assert.Equal(("GET", "/hooks/valueguard/rest/api/2/issue/DEL-7"), (request.Method, request.Path));
        Assert.Equal("?fields=status,assignee&expand=changelog", request.Query);
        Assert.Equal("Bearer tok-123", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task An_issue_moved_out_of_to_do_is_acknowledged_by_whoever_moved_it()
    {
        const string changelog = """
            [{"author":{"displayName":"Li Wei"},"created":"2026-03-12T05:00:00.000+0000","items":[{"field":"status","fromString":"To Do","toString":"In Progress"}]},
             {"author":{"displayName":"Bot"},"created":"2026-03-12T05:10:00.000+0000","items":[{"field":"labels","fromString":"","toString":"x"}]}]
            """;
        using var jira = LoopbackReceiver.Routing(_ => (200, Issue("In Progress", "indeterminate", changelog)));

        var ack = await Sink(jira).FindAsync(Episode, "DEL-7", default);

        Assert.Equal(new("Jira DEL-7", "Li Wei", "status In Progress"), ack);
        Assert.Equal("acknowledged in Jira DEL-7 by Li Wei (status In Progress)", ack!.Reason);
    }

    [Fact]
    public async Task A_done_issue_without_a_status_history_names_its_assignee()
    {
        using var jira = LoopbackReceiver.Routing(_ => (200, Issue("Done", "done")));

        Assert.Equal("Zhang San", (await Sink(jira).FindAsync(Episode, "DEL-7", default))!.By);
    }

    [Fact]
    public async Task A_failing_jira_throws_so_the_next_poll_tries_again()
    {
        using var jira = LoopbackReceiver.Routing(_ => (503, "maintenance"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Sink(jira).FindAsync(Episode, "DEL-7", default));
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
