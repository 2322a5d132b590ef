using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueGuard.Escalation.Sinks.Redmine;

/// <summary>The few Redmine REST calls the sink needs. Every failure throws so the outbox retries.</summary>
internal sealed class RedmineClient(HttpClient http, Uri baseUrl, string apiKey, TimeSpan timeout)
{
    public async Task<IReadOnlyList<RedmineNamedId>> IssueStatusesAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync("issue_statuses.json", cancellationToken).ConfigureAwait(false);
        return Names(json, "issue_statuses");
    }

    /// <summary>Priorities in Redmine's order, lowest first.</summary>
    public async Task<IReadOnlyList<RedmineNamedId>> IssuePrioritiesAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync("enumerations/issue_priorities.json", cancellationToken).ConfigureAwait(false);
        return Names(json, "issue_priorities");
    }

    public async Task<int> ProjectIdAsync(string identifier, CancellationToken cancellationToken)
    {
        var json = await GetAsync($"projects/{Uri.EscapeDataString(identifier)}.json", cancellationToken).ConfigureAwait(false);
        return json["project"]!["id"]!.GetValue<int>();
    }

    /// <summary>Issues of a project, open or closed, whose subject contains <paramref name="text"/> (Redmine's "~" filter).</summary>
    public async Task<IReadOnlyList<RedmineIssue>> IssuesWithSubjectContainingAsync(string project, string text, CancellationToken cancellationToken)
    {
        var query = $"issues.json?project_id={Uri.EscapeDataString(project)}&status_id=*&subject={Uri.EscapeDataString("~" + text)}&limit=100&sort=id";
        var json = await GetAsync(query, cancellationToken).ConfigureAwait(false);
        return json["issues"]!.AsArray().Select(i => Issue(i!)).ToList();
    }

    public async Task<RedmineIssue> IssueWithJournalsAsync(int id, CancellationToken cancellationToken)
    {
        var json = await GetAsync($"issues/{id}.json?include=journals", cancellationToken).ConfigureAwait(false);
        return Issue(json["issue"]!);
    }

    /// <summary>The id of the user the API key belongs to (ValueGuard's own user).</summary>
    public async Task<int> CurrentUserIdAsync(CancellationToken cancellationToken)
    {
        var json = await GetAsync("users/current.json", cancellationToken).ConfigureAwait(false);
        return json["user"]!["id"]!.GetValue<int>();
    }

    /// <summary>Every status change in the issue's history, oldest first, with who made it.</summary>
    public async Task<IReadOnlyList<RedmineStatusChange>> StatusChangesAsync(int id, CancellationToken cancellationToken)
    {
        var json = await GetAsync($"issues/{id}.json?include=journals", cancellationToken).ConfigureAwait(false);
        var changes = new List<RedmineStatusChange>();
        foreach (var journal in json["issue"]!["journals"]?.AsArray() ?? [])
        {
            var user = journal!["user"];
            foreach (var detail in journal["details"]?.AsArray() ?? [])
            {
                if (detail?["property"]?.GetValue<string>() != "attr" || detail["name"]?.GetValue<string>() != "status_id") continue;
                if (!int.TryParse(detail["new_value"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var status)) continue;
                changes.Add(new RedmineStatusChange(user?["id"]?.GetValue<int>() ?? 0, user?["name"]?.GetValue<string>() ?? "unknown", status));
            }
        }
        return changes;
    }

    public async Task<int> CreateIssueAsync(JsonObject issue, CancellationToken cancellationToken)
    {
        var json = await SendAsync(HttpMethod.Post, "issues.json", new JsonObject { ["issue"] = issue }, cancellationToken).ConfigureAwait(false);
        return json!["issue"]!["id"]!.GetValue<int>();
    }

    public Task UpdateIssueAsync(int id, JsonObject changes, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"issues/{id}.json", new JsonObject { ["issue"] = changes }, cancellationToken);

    private async Task<JsonNode> GetAsync(string relative, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, relative, null, cancellationToken).ConfigureAwait(false))
        ?? throw new HttpRequestException($"Redmine answered GET {relative} with an empty body");

    private async Task<JsonNode?> SendAsync(HttpMethod method, string relative, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, relative));
        request.Headers.Add("X-Redmine-API-Key", apiKey);
        // A buffered body with Content-Length: Redmine under WEBrick sees a chunked JSON body as empty.
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException(
                    $"Redmine answered {method} {request.RequestUri!.AbsolutePath} with {(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > 300 ? text[..300] : text)}",
                    null, response.StatusCode);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Redmine did not answer {method} {request.RequestUri!.AbsolutePath} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"Redmine answered {method} {request.RequestUri!.AbsolutePath} with something that is not JSON: {e.Message}", e);
        }
    }

    private static List<RedmineNamedId> Names(JsonNode json, string property) =>
        json[property]!.AsArray().Select(n => new RedmineNamedId(n!["id"]!.GetValue<int>(), n["name"]!.GetValue<string>())).ToList();

    private static RedmineIssue Issue(JsonNode n) => new(
        n["id"]!.GetValue<int>(),
        n["subject"]?.GetValue<string>() ?? "",
        n["status"]!["id"]!.GetValue<int>(),
        n["priority"]!["id"]!.GetValue<int>(),
        n["journals"]?.AsArray().Select(j => j!["notes"]?.GetValue<string>() ?? "").ToList() ?? []);
}

/// <summary>An id and name from one of Redmine's lists (statuses, priorities).</summary>
internal sealed record RedmineNamedId(int Id, string Name);

/// <summary>A journal entry that changed an issue's status: who, and to which status.</summary>
internal sealed record RedmineStatusChange(int UserId, string UserName, int NewStatusId);

/// <summary>What the sink reads back from an issue; <see cref="Notes"/> only when journals were included.</summary>
internal sealed record RedmineIssue(int Id, string Subject, int StatusId, int PriorityId, IReadOnlyList<string> Notes);
