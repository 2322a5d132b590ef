using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.TwoWay;

namespace ValueGuard.Escalation.Sinks.Jira;

/// <summary>
/// Keeps one Jira issue per breach episode over REST API v2. The issue carries a label made from the episode id and
/// is found by a JQL search on it before anything is created; each comment ends with the action's idempotency key,
/// so a retry or restart never creates a second issue or a second comment.
/// </summary>
public sealed partial class JiraTicketSink : ITicketSink, ITicketAcknowledgementSource
{
    public const string ActionMarkerPrefix = "valueguard-action: ";

    private readonly JiraSinkOptions options;
    private readonly JsonRestClient client;
    private readonly AuthenticationHeaderValue authorization;

    public JiraTicketSink(JiraSinkOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        client = new JsonRestClient(http, options.Url, options.Timeout, $"jira '{options.Name}'");
        var token = SecretFile.Read(options.ApiTokenFile, $"jira '{options.Name}' api_token_file");
        authorization = options.User is null
            ? new AuthenticationHeaderValue("Bearer", token)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.User + ":" + token)));
    }

    public string Name => options.Name;

    /// <summary>The label that finds an episode's issue again: Jira labels allow no spaces, so anything but letters, digits, '-', '_' and '.' becomes '_'.</summary>
    public static string Label(BreachEpisodeId episode) => "valueguard-" + LabelUnsafe().Replace(episode.ToString(), "_");

    /// <summary>Jira's default priority names for ValueGuard's priorities.</summary>
    public static string PriorityName(string priority) => priority.ToLowerInvariant() switch
    {
        "immediate" or "urgent" => "Highest",
        "high" => "High",
        "low" => "Low",
        _ => "Medium",
    };

    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(action.Episode, cancellationToken).ConfigureAwait(false);
        if (action.Kind == EscalationActionKind.Open)
        {
            if (existing is not null) return existing;
            var created = await SendAsync(HttpMethod.Post, "rest/api/2/issue", new JsonObject
            {
                ["fields"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["key"] = options.Project },
                    ["summary"] = $"Breach of {action.Content.ContractId} / {action.Content.ClauseId} (episode {action.Episode.Number})",
                    ["description"] = Text(action),
                    ["issuetype"] = new JsonObject { ["name"] = options.IssueType },
                    ["labels"] = new JsonArray(Label(action.Episode)),
                    ["priority"] = new JsonObject { ["name"] = PriorityName(action.Content.Priority) },
                },
            }, cancellationToken).ConfigureAwait(false);
            return created?["key"]?.GetValue<string>() ?? throw new InvalidOperationException($"jira '{options.Name}': the created issue's answer has no key.");
        }

        if (existing is null)
            throw new InvalidOperationException($"jira '{options.Name}': no issue labelled {Label(action.Episode)} in project {options.Project}; its open action must come first.");
        var comments = await SendAsync(HttpMethod.Get, $"rest/api/2/issue/{existing}/comment", null, cancellationToken).ConfigureAwait(false);
        var marker = ActionMarkerPrefix + action.IdempotencyKey;
        if (comments?["comments"]?.AsArray().Any(c => (c?["body"]?.GetValue<string>() ?? "").Split('\n').Any(l => l.TrimEnd('\r') == marker)) == true)
            return existing;

        // The change comes before the comment that carries the marker: a crash between them repeats the change, never skips it.
        if (action.Kind == EscalationActionKind.Escalate)
            await SendAsync(HttpMethod.Put, $"rest/api/2/issue/{existing}", new JsonObject
            {
                ["fields"] = new JsonObject { ["priority"] = new JsonObject { ["name"] = PriorityName(action.Content.Priority) } },
            }, cancellationToken).ConfigureAwait(false);
        if (action.Kind is EscalationActionKind.Resolve or EscalationActionKind.Close)
            await TransitionAsync(existing, cancellationToken).ConfigureAwait(false);
        await SendAsync(HttpMethod.Post, $"rest/api/2/issue/{existing}/comment", new JsonObject { ["body"] = Text(action) }, cancellationToken).ConfigureAwait(false);
        return existing;
    }

    /// <summary>
    /// The episode's issue counts as acknowledged once its status has left Jira's "To Do" category (status category
    /// key <c>new</c>): a person started, or finished, work on it. Who: the author of the last status change in the
    /// changelog, else the assignee.
    /// </summary>
    public async Task<TicketAcknowledgement?> FindAsync(BreachEpisodeId episode, string remoteId, CancellationToken cancellationToken)
    {
        var issue = await SendAsync(HttpMethod.Get, $"rest/api/2/issue/{Uri.EscapeDataString(remoteId)}?fields=status,assignee&expand=changelog", null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"jira '{options.Name}': issue {remoteId} came back empty.");
        var status = issue["fields"]?["status"];
        var category = status?["statusCategory"]?["key"]?.GetValue<string>();
        if (category is null or "new") return null;
        var lastChange = issue["changelog"]?["histories"]?.AsArray()
            .Where(h => h?["items"]?.AsArray().Any(i => i?["field"]?.GetValue<string>() == "status") == true)
            .LastOrDefault();
        var by = lastChange?["author"]?["displayName"]?.GetValue<string>()
            ?? issue["fields"]?["assignee"]?["displayName"]?.GetValue<string>()
            ?? "unknown";
        return new TicketAcknowledgement($"Jira {remoteId}", by, $"status {status?["name"]?.GetValue<string>() ?? category}");
    }

    private async Task<string?> FindAsync(BreachEpisodeId episode, CancellationToken cancellationToken)
    {
        var jql = $"project = \"{options.Project}\" AND labels = \"{Label(episode)}\" ORDER BY created ASC";
        var found = await SendAsync(HttpMethod.Get, "rest/api/2/search?jql=" + Uri.EscapeDataString(jql) + "&fields=status&maxResults=1", null, cancellationToken).ConfigureAwait(false);
        return found?["issues"]?.AsArray().FirstOrDefault()?["key"]?.GetValue<string>();
    }

    private async Task TransitionAsync(string issue, CancellationToken cancellationToken)
    {
        var available = await SendAsync(HttpMethod.Get, $"rest/api/2/issue/{issue}/transitions", null, cancellationToken).ConfigureAwait(false);
        var transitions = available?["transitions"]?.AsArray() ?? [];
        var wanted = transitions.FirstOrDefault(t => string.Equals(t?["name"]?.GetValue<string>(), options.ResolveTransition, StringComparison.OrdinalIgnoreCase));
        // Already resolved (a retry after the transition went through): Jira no longer offers it.
        if (wanted is null) return;
        await SendAsync(HttpMethod.Post, $"rest/api/2/issue/{issue}/transitions", new JsonObject
        {
            ["transition"] = new JsonObject { ["id"] = wanted["id"]?.GetValue<string>() },
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        (await client.SendAsync(method, path, body, authorization, cancellationToken).ConfigureAwait(false)).Body;

    private static string Text(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var lines = message.Facts.Select(f => $"* {f.Label}: {f.Value}");
        return string.Join("\n", [message.Title, "", .. lines, "", $"Evidence: {message.EvidenceHash}",
            ActionMarkerPrefix + action.IdempotencyKey]);
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex LabelUnsafe();
}
