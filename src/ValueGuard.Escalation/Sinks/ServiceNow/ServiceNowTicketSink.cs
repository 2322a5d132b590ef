using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.ServiceNow;

/// <summary>
/// Keeps one ServiceNow incident per breach episode through the Table API. The incident's <c>correlation_id</c> is the
/// episode id and is looked up before anything is created; each work note ends with the action's idempotency key,
/// and the sink reads the work notes before writing, so a retry or restart never creates a second incident or note.
/// </summary>
public sealed class ServiceNowTicketSink : ITicketSink
{
    public const string ActionMarkerPrefix = "valueguard-action: ";
    private const string Table = "api/now/table/incident";

    /// <summary>ServiceNow's incident state "Resolved".</summary>
    public const string ResolvedState = "6";

    private readonly ServiceNowSinkOptions options;
    private readonly JsonRestClient rest;
    private readonly AuthenticationHeaderValue authorization;

    public ServiceNowTicketSink(ServiceNowSinkOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        rest = new JsonRestClient(http, options.Url, options.Timeout, $"servicenow '{options.Name}'");
        authorization = options.ApiTokenFile is { } tokenFile
            ? new AuthenticationHeaderValue("Bearer", SecretFile.Read(tokenFile, $"servicenow '{options.Name}' api_token_file"))
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                options.User + ":" + SecretFile.Read(options.PasswordFile!, $"servicenow '{options.Name}' password_file"))));
    }

    public string Name => options.Name;

    /// <summary>ServiceNow's impact and urgency (1 high … 3 low) for ValueGuard's priorities; the instance derives the priority from both.</summary>
    public static (string Impact, string Urgency) ImpactAndUrgency(string priority) => priority.ToLowerInvariant() switch
    {
        "immediate" or "urgent" => ("1", "1"),
        "high" => ("2", "1"),
        "low" => ("3", "2"),
        _ => ("2", "2"),
    };

    /// <summary>Returns the incident's number (INC…).</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(action.Episode, cancellationToken).ConfigureAwait(false);
        var (impact, urgency) = ImpactAndUrgency(action.Content.Priority);
        if (action.Kind == EscalationActionKind.Open)
        {
            if (existing is not null) return existing.Value.Number;
            var incident = new JsonObject
            {
                ["short_description"] = $"Breach of {action.Content.ContractId} / {action.Content.ClauseId} (episode {action.Episode.Number})",
                ["description"] = Text(action),
                ["correlation_id"] = action.Episode.ToString(),
                ["correlation_display"] = "ValueGuard",
                ["impact"] = impact,
                ["urgency"] = urgency,
                ["work_notes"] = Text(action),
            };
            if (options.AssignmentGroup is { } group) incident["assignment_group"] = group;
            var (_, created) = await rest.SendAsync(HttpMethod.Post, Table, incident, authorization, cancellationToken).ConfigureAwait(false);
            return created?["result"]?["number"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"servicenow '{options.Name}': the created incident's answer has no number.");
        }

        if (existing is not { } found)
            throw new InvalidOperationException($"servicenow '{options.Name}': no incident with correlation_id {action.Episode}; its open action must come first.");
        var (_, notes) = await rest.SendAsync(HttpMethod.Get, $"{Table}/{found.SysId}?sysparm_fields=work_notes&sysparm_display_value=true", null, authorization, cancellationToken).ConfigureAwait(false);
        var marker = ActionMarkerPrefix + action.IdempotencyKey;
        if ((notes?["result"]?["work_notes"]?.GetValue<string>() ?? "").Split('\n').Any(l => l.TrimEnd('\r') == marker)) return found.Number;

        // One PATCH carries the change and the note with the marker: either both happened or neither did.
        var update = new JsonObject { ["work_notes"] = Text(action) };
        if (action.Kind == EscalationActionKind.Escalate)
        {
            update["impact"] = impact;
            update["urgency"] = urgency;
        }
        if (action.Kind is EscalationActionKind.Resolve or EscalationActionKind.Close)
        {
            update["state"] = ResolvedState;
            update["close_code"] = options.CloseCode;
            update["close_notes"] = ChatMessage.For(action).Title;
        }
        await rest.SendAsync(HttpMethod.Patch, $"{Table}/{found.SysId}", update, authorization, cancellationToken).ConfigureAwait(false);
        return found.Number;
    }

    private async Task<(string SysId, string Number)?> FindAsync(BreachEpisodeId episode, CancellationToken cancellationToken)
    {
        // '^' separates conditions in an encoded query; a literal one is written '^^'.
        var query = "correlation_id=" + episode.ToString().Replace("^", "^^", StringComparison.Ordinal);
        var (_, found) = await rest.SendAsync(HttpMethod.Get,
            $"{Table}?sysparm_query={Uri.EscapeDataString(query)}&sysparm_fields=sys_id,number,state&sysparm_limit=1", null, authorization, cancellationToken).ConfigureAwait(false);
        var first = found?["result"]?.AsArray().FirstOrDefault();
        return first is null ? null : (first["sys_id"]!.GetValue<string>(), first["number"]!.GetValue<string>());
    }

    private static string Text(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var lines = message.Facts.Select(f => $"{f.Label}: {f.Value}");
        return string.Join("\n", [message.Title, "", .. lines, "", $"Evidence: {message.EvidenceHash}", ActionMarkerPrefix + action.IdempotencyKey]);
    }
}
