using System.Net;
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
/// so a retry or restart never creates a second issue or a second comment. The search is Jira Cloud's enhanced
/// <c>GET search/jql</c>; a server that answers it 404 (Jira Data Center and Server) is searched with the classic
/// <c>GET search</c> from then on, for the sink's lifetime.
/// </summary>
public sealed partial class JiraTicketSink : ITicketSink, ITicketAcknowledgementSource
{
    public const string ActionMarkerPrefix = "valueguard-action: ";

    /// <summary>Jira Cloud's enhanced JQL search (the classic search was removed from Cloud in 2025).</summary>
    public const string EnhancedSearch = "rest/api/2/search/jql";

    /// <summary>The classic JQL search: all Jira Data Center and Server have.</summary>
    public const string ClassicSearch = "rest/api/2/search";

    private readonly JiraSinkOptions options;
    private readonly JsonRestClient client;
    private readonly AuthenticationHeaderValue authorization;
    private volatile string? search;

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

    /// <summary>The search this sink found the server to have (<see cref="EnhancedSearch"/> or <see cref="ClassicSearch"/>); null before the first search.</summary>
    public string? SearchPath => search;

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
        var found = await FindAsync(action.Episode, cancellationToken).ConfigureAwait(false);
        var existing = found?.Key;
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
            await TransitionAsync(existing, found!.Value.StatusCategory, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The episode's oldest issue (key and status category) by its label. Both searches take the same <c>jql</c>,
    /// <c>fields</c> and <c>maxResults</c> and answer <c>issues</c>; only the classic one also has <c>total</c>.
    /// </summary>
    private async Task<(string Key, string? StatusCategory)?> FindAsync(BreachEpisodeId episode, CancellationToken cancellationToken)
    {
        var jql = $"project = \"{options.Project}\" AND labels = \"{Label(episode)}\" ORDER BY created ASC";
        var query = "?jql=" + Uri.EscapeDataString(jql) + "&fields=status&maxResults=1";
        JsonNode? found;
        if (search is { } known)
            found = await SendAsync(HttpMethod.Get, known + query, null, cancellationToken).ConfigureAwait(false);
        else
        {
            var (status, body) = await client.SendAsync(HttpMethod.Get, EnhancedSearch + query, null, authorization, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
            search = status == HttpStatusCode.NotFound ? ClassicSearch : EnhancedSearch;
            found = status == HttpStatusCode.NotFound ? await SendAsync(HttpMethod.Get, ClassicSearch + query, null, cancellationToken).ConfigureAwait(false) : body;
        }
        var first = found?["issues"]?.AsArray().FirstOrDefault();
        return first?["key"]?.GetValue<string>() is { } key ? (key, first["fields"]?["status"]?["statusCategory"]?["key"]?.GetValue<string>()) : null;
    }

    /// <summary>
    /// Takes the configured resolve transition. An issue already in a done status (a retry after the transition went
    /// through, or the close after a resolve) is left alone; otherwise a transition Jira does not offer fails the action,
    /// naming the ones it does, so the outbox retries it and shows it dead rather than marking it done.
    /// </summary>
    private async Task TransitionAsync(string issue, string? statusCategory, CancellationToken cancellationToken)
    {
        if (statusCategory == "done") return;
        var available = await SendAsync(HttpMethod.Get, $"rest/api/2/issue/{issue}/transitions", null, cancellationToken).ConfigureAwait(false);
        var transitions = available?["transitions"]?.AsArray() ?? [];
        var wanted = transitions.FirstOrDefault(t => string.Equals(t?["name"]?.GetValue<string>(), options.ResolveTransition, StringComparison.OrdinalIgnoreCase));
        if (wanted is null)
            throw new InvalidOperationException(
                $"jira '{options.Name}' resolve_transition: issue {issue} offers no transition named '{options.ResolveTransition}' " +
                $"(it offers {string.Join(", ", transitions.Select(t => $"'{t?["name"]?.GetValue<string>()}'"))}); set resolve_transition to one of them.");
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
