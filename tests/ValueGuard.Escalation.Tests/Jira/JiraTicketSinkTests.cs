using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Jira;

public sealed class JiraTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private FakeJira jira = new(FakeJira.AuthorizationFor("tok-123", "vg@acme.example"));

    private JiraTicketSink Sink(string resolveTransition = "Done") => new(new JiraSinkOptions
    {
        Name = "delivery-jira", Url = jira.Receiver.Url, Project = "DEL", ApiTokenFile = dir.Write("jira.token", "tok-123\n"), User = "vg@acme.example",
        ResolveTransition = resolveTransition,
    }, http);

    private void Serve(FakeJira other)
    {
        jira.Dispose();
        jira = other;
    }

    [Fact]
    public async Task Opening_searches_by_label_then_creates_an_issue_carrying_that_label()
    {
        var key = await Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("DEL-1", key);
        var requests = jira.Receiver.Requests.ToList();
        Assert.Equal(["GET /hooks/valueguard/rest/api/2/search/jql", "POST /hooks/valueguard/rest/api/2/issue"], requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Contains("jql=" + Uri.EscapeDataString("project = \"DEL\" AND labels = \"valueguard-ACME-2026-017_press-availability_1\""), requests[0].Query, StringComparison.Ordinal);
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("vg@acme.example:tok-123")), r.Headers["Authorization"]));
        var fields = jira.Created.Single()["fields"]!;
        Assert.Equal("DEL", fields["project"]!["key"]!.GetValue<string>());
        Assert.Equal("Task", fields["issuetype"]!["name"]!.GetValue<string>());
        Assert.Equal("High", fields["priority"]!["name"]!.GetValue<string>());
        Assert.Equal("Breach of ACME-2026-017 / press-availability (episode 1)", fields["summary"]!.GetValue<string>());
        Assert.Equal(["valueguard-ACME-2026-017_press-availability_1"], fields["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#open-0", fields["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(jira.Refused);
    }

    [Fact]
    public async Task Jira_cloud_is_searched_with_search_jql_only()
    {
        var sink = Sink();

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.Equal(JiraTicketSink.EnhancedSearch, sink.SearchPath);
        Assert.Equal(3, jira.Receiver.Requests.Count(r => r.Path == "/hooks/valueguard/rest/api/2/search/jql"));
        Assert.DoesNotContain(jira.Receiver.Requests, r => r.Path == "/hooks/valueguard/rest/api/2/search");
        Assert.True(jira.Resolved);
        Assert.Empty(jira.Refused);
    }

    [Fact]
    public async Task Jira_data_center_answers_search_jql_404_so_the_classic_search_is_used_from_then_on()
    {
        Serve(new FakeJira(FakeJira.AuthorizationFor("tok-123", "vg@acme.example"), cloud: false));
        var sink = Sink();

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.Equal(JiraTicketSink.ClassicSearch, sink.SearchPath);
        var searches = jira.Receiver.Requests.Where(r => r.Path.Contains("/search", StringComparison.Ordinal)).Select(r => r.Path[("/hooks/valueguard/".Length)..]).ToList();
        Assert.Equal(["rest/api/2/search/jql", "rest/api/2/search", "rest/api/2/search", "rest/api/2/search"], searches);
        Assert.Single(jira.Created);
        Assert.True(jira.Resolved);
        Assert.Empty(jira.Refused);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_by_jira_and_fails_the_action()
    {
        Serve(new FakeJira(FakeJira.AuthorizationFor("another-token", "vg@acme.example")));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(jira.Created);
        Assert.DoesNotContain("tok-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_again_after_a_lost_answer_finds_the_issue_and_creates_none()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("DEL-1", await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default));
        Assert.Single(jira.Created);
    }

    [Fact]
    public async Task Escalating_raises_priority_and_comments_once_even_when_retried()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, 1), default);

        var edit = Assert.Single(jira.Receiver.Requests, r => r.Method == "PUT");
        Assert.Equal("Highest", JsonNode.Parse(edit.Body)!["fields"]!["priority"]!["name"]!.GetValue<string>());
        var comment = Assert.Single(jira.Comments);
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#escalate-1", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_takes_the_done_transition_and_comments()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.True(jira.Resolved);
        var transition = Assert.Single(jira.Receiver.Requests, r => r is { Method: "POST", Path: "/hooks/valueguard/rest/api/2/issue/DEL-1/transitions" });
        Assert.Equal("""{"transition":{"id":"31"}}""", Encoding.UTF8.GetString(transition.Body));
        Assert.Contains("recovered", Assert.Single(jira.Comments), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolve_transition_the_issue_does_not_offer_fails_the_action_naming_the_ones_it_does()
    {
        Serve(new FakeJira(FakeJira.AuthorizationFor("tok-123", "vg@acme.example"), transitions: ["Start Progress", "Resolve Issue"]));
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default));

        Assert.Equal(
            "jira 'delivery-jira' resolve_transition: issue DEL-1 offers no transition named 'Done' (it offers 'Start Progress', 'Resolve Issue'); set resolve_transition to one of them.",
            error.Message);
        Assert.Empty(jira.Comments); // the comment carries the marker: without it a retry tries again
        Assert.False(jira.Resolved);
    }

    [Fact]
    public async Task A_resolve_delivered_again_after_the_issue_is_done_takes_no_transition()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Close), default);

        Assert.Single(jira.Receiver.Requests, r => r is { Method: "POST", Path: "/hooks/valueguard/rest/api/2/issue/DEL-1/transitions" });
        Assert.Equal(2, jira.Comments.Count);
        Assert.True(jira.Resolved);
    }

    [Fact]
    public async Task An_action_for_an_episode_without_an_issue_throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Sink().DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default));

        Assert.Contains("valueguard-ACME-2026-017_press-availability_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_name_each_bad_setting()
    {
        var errors = new JiraSinkOptions { Name = "j", Url = new Uri("ftp://x/"), Project = "", ApiTokenFile = dir.File("none") }.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("jira 'j' url:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("jira 'j' project:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("jira 'j' api_token_file:", e, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        jira.Dispose();
        http.Dispose();
        dir.Dispose();
    }
}
