using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.TwoWay;

namespace ValueGuard.Escalation.Sinks.Redmine;

/// <summary>
/// Keeps one Redmine issue per breach episode over the REST API. The episode id sits in the issue's subject
/// (<c>[vg:CONTRACT/CLAUSE/N]</c>) and each action's idempotency key in the last line of its note, so the
/// sink looks both up before writing: a retry after a crash between "sent" and "marked done", or a
/// restart, never creates a second issue or a second note.
/// </summary>
public sealed class RedmineTicketSink : ITicketSink, ITicketAcknowledgementSource
{
    /// <summary>The line that ends every note and description this sink writes.</summary>
    public const string ActionMarkerPrefix = "valueguard-action: ";

    private readonly RedmineSinkOptions options;
    private readonly RedmineClient client;
    private Lookups? lookups;
    private int? selfId;

    // The HttpClient is owned by the caller; the sink applies RedmineSinkOptions.Timeout per request.
    public RedmineTicketSink(RedmineSinkOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        var apiKey = SecretFile.Read(options.ApiKeyFile, $"redmine '{options.Name}' api_key_file");
        var baseUrl = options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        client = new RedmineClient(http, baseUrl, apiKey, options.Timeout);
    }

    public string Name => options.Name;

    /// <summary>The text in an episode's issue subject that finds it again.</summary>
    public static string SubjectMarker(BreachEpisodeId episode) => $"[vg:{episode}]";

    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var known = lookups ??= await LoadLookupsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await FindIssueAsync(action.Episode, cancellationToken).ConfigureAwait(false);
        if (action.Kind == EscalationActionKind.Open)
        {
            if (existing is not null) return Id(existing.Id);
            var created = await client.CreateIssueAsync(new JsonObject
            {
                ["project_id"] = known.ProjectId,
                ["subject"] = Subject(action),
                ["description"] = Text(action),
                ["priority_id"] = PriorityId(known, action.Content.Priority),
            }, cancellationToken).ConfigureAwait(false);
            return Id(created);
        }

        if (existing is null)
            throw new InvalidOperationException($"Redmine has no issue for episode {action.Episode} in project '{options.Project}' (subject containing {SubjectMarker(action.Episode)}); its open action must come first.");
        var issue = await client.IssueWithJournalsAsync(existing.Id, cancellationToken).ConfigureAwait(false);
        var marker = ActionMarkerPrefix + action.IdempotencyKey;
        if (issue.Notes.Any(note => note.Split('\n').Any(line => line.TrimEnd('\r') == marker))) return Id(issue.Id);

        // Note and field changes go in one PUT: Redmine writes them as one journal, so a note can never exist without its change.
        var changes = new JsonObject { ["notes"] = Text(action) };
        switch (action.Kind)
        {
            case EscalationActionKind.Escalate:
                var wanted = PriorityId(known, action.Content.Priority);
                if (known.PriorityRank(wanted) > known.PriorityRank(issue.PriorityId)) changes["priority_id"] = wanted;
                break;
            case EscalationActionKind.Resolve:
                changes["status_id"] = StatusId(known, options.ResolvedStatus, "resolved_status");
                break;
            case EscalationActionKind.Close:
                changes["status_id"] = StatusId(known, options.ClosedStatus, "closed_status");
                break;
        }
        await client.UpdateIssueAsync(issue.Id, changes, cancellationToken).ConfigureAwait(false);
        return Id(issue.Id);
    }

    /// <summary>
    /// The first status change of the episode's issue made by someone other than ValueGuard's API user (to one of
    /// <see cref="RedmineSinkOptions.AcknowledgedStatuses"/>, when it names any): a person has taken the issue on.
    /// </summary>
    public async Task<TicketAcknowledgement?> FindAsync(BreachEpisodeId episode, string remoteId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(remoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new InvalidOperationException($"redmine '{options.Name}': '{remoteId}' is not a Redmine issue id (episode {episode}).");
        var known = lookups ??= await LoadLookupsAsync(cancellationToken).ConfigureAwait(false);
        var self = selfId ??= await client.CurrentUserIdAsync(cancellationToken).ConfigureAwait(false);
        var changes = await client.StatusChangesAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes.Where(c => c.UserId != self))
        {
            var status = known.Statuses.FirstOrDefault(s => s.Id == change.NewStatusId)?.Name ?? Id(change.NewStatusId);
            if (options.AcknowledgedStatuses.Count == 0 || options.AcknowledgedStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
                return new TicketAcknowledgement($"Redmine #{Id(id)}", change.UserName, $"status {status}");
        }
        return null;
    }

    private async Task<RedmineIssue?> FindIssueAsync(BreachEpisodeId episode, CancellationToken cancellationToken)
    {
        var marker = SubjectMarker(episode);
        // "~" is a case-insensitive LIKE: keep only exact matches, and the oldest should a person have copied the subject.
        var found = await client.IssuesWithSubjectContainingAsync(options.Project, marker, cancellationToken).ConfigureAwait(false);
        return found.Where(i => i.Subject.Contains(marker, StringComparison.Ordinal)).MinBy(i => i.Id);
    }

    private async Task<Lookups> LoadLookupsAsync(CancellationToken cancellationToken)
    {
        var project = await client.ProjectIdAsync(options.Project, cancellationToken).ConfigureAwait(false);
        var statuses = await client.IssueStatusesAsync(cancellationToken).ConfigureAwait(false);
        var priorities = await client.IssuePrioritiesAsync(cancellationToken).ConfigureAwait(false);
        return new Lookups(project, statuses, priorities);
    }

    private int PriorityId(Lookups known, string priority)
    {
        var name = options.PriorityNames.TryGetValue(priority, out var mapped) ? mapped : priority;
        return known.Priorities.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Id
            ?? throw new InvalidOperationException(
                $"redmine '{options.Name}': Redmine has no priority named '{name}' (it has {string.Join(", ", known.Priorities.Select(p => p.Name))}); map '{priority}' in priority_names.");
    }

    private int StatusId(Lookups known, string name, string setting) =>
        known.Statuses.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))?.Id
        ?? throw new InvalidOperationException(
            $"redmine '{options.Name}' {setting}: Redmine has no status named '{name}' (it has {string.Join(", ", known.Statuses.Select(s => s.Name))}).");

    private static string Subject(EscalationAction action)
    {
        var subject = $"{SubjectMarker(action.Episode)} Breach of {action.Content.ContractId} / {action.Content.ClauseId} (episode {action.Episode.Number})";
        return subject.Length <= 255 ? subject : subject[..255];
    }

    private static string Text(EscalationAction action)
    {
        var c = action.Content;
        var title = action.Kind switch
        {
            EscalationActionKind.Open => "Breach opened",
            EscalationActionKind.Escalate => $"Escalated to level {action.Level}: the breach is unacknowledged",
            EscalationActionKind.Remind => $"Reminder {action.Reminder} at level {action.Level}: the breach is still unacknowledged",
            EscalationActionKind.Resolve => "Recovered: the target holds again",
            EscalationActionKind.Acknowledge => "Breach " + ChatMessage.Acknowledged(action),
            _ => $"Period closed: {c.State}",
        };
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{title} ({action.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC).\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Customer: {c.Customer}; contract: {c.ContractId}; clause: {c.ClauseId}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Clause: {c.ClauseText}\n");
        sb.Append(CultureInfo.InvariantCulture, $"State: {c.State}; priority: {c.Priority}; assignee: {c.Assignee ?? "unassigned"}{(c.Watchers.Count > 0 ? "; watchers: " + string.Join(", ", c.Watchers) : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Target: {c.Target}; actual: {c.Actual}; coverage: {c.Coverage}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Window: {c.Window}\n");
        if (c.Forecast is not null) sb.Append(CultureInfo.InvariantCulture, $"Forecast: {c.Forecast}\n");
        if (c.ReportUrl is not null) sb.Append(CultureInfo.InvariantCulture, $"Report: {c.ReportUrl}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Evidence record: {c.EvidenceHash}\n\n");
        sb.Append(ActionMarkerPrefix).Append(action.IdempotencyKey);
        return sb.ToString();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record Lookups(int ProjectId, IReadOnlyList<RedmineNamedId> Statuses, IReadOnlyList<RedmineNamedId> Priorities)
    {
        /// <summary>Redmine lists priorities lowest first, so the position is the rank.</summary>
        public int PriorityRank(int id) => Priorities.ToList().FindIndex(p => p.Id == id);
    }
}
