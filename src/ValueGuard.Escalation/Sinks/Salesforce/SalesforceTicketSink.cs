using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Salesforce;

/// <summary>
/// Keeps one Salesforce Case per breach episode over the REST API. The Case carries the episode key in an external-id
/// field: it is read by that key before anything is created, and created by an upsert on the same key, so even two
/// racing deliveries make one Case. Each CaseComment ends with the action's idempotency key and is looked for first.
/// </summary>
public sealed partial class SalesforceTicketSink : ITicketSink
{
    public const string ActionMarkerPrefix = "valueguard-action: ";

    private readonly SalesforceSinkOptions options;
    private readonly SalesforceSession session;

    public SalesforceTicketSink(SalesforceSinkOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        session = new SalesforceSession(options, http, SecretFile.Read(options.ClientSecretFile, $"salesforce '{options.Name}' client_secret_file"));
    }

    public string Name => options.Name;

    /// <summary>The external-id value of an episode: anything but letters, digits, '-', '_' and '.' becomes '_', so it fits a URL path segment.</summary>
    public static string ExternalKey(BreachEpisodeId episode) => KeyUnsafe().Replace(episode.ToString(), "_");

    /// <summary>The standard Case priorities (High, Medium, Low) for ValueGuard's priorities.</summary>
    public static string PriorityName(string priority) => priority.ToLowerInvariant() switch
    {
        "immediate" or "urgent" or "high" => "High",
        "low" => "Low",
        _ => "Medium",
    };

    /// <summary>Returns the Case number.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var byKey = $"{Data}/sobjects/Case/{options.ExternalIdField}/{Uri.EscapeDataString(ExternalKey(action.Episode))}";
        var existing = await FindAsync(byKey, cancellationToken).ConfigureAwait(false);
        if (action.Kind == EscalationActionKind.Open)
        {
            if (existing is not null) return existing.Value.Number;
            await session.SendAsync(HttpMethod.Patch, byKey, new JsonObject
            {
                ["Subject"] = $"Breach of {action.Content.ContractId} / {action.Content.ClauseId} (episode {action.Episode.Number})",
                ["Description"] = Text(action),
                ["Priority"] = PriorityName(action.Content.Priority),
            }, cancellationToken).ConfigureAwait(false);
            return (await FindAsync(byKey, cancellationToken).ConfigureAwait(false))?.Number
                ?? throw new InvalidOperationException($"salesforce '{options.Name}': the upserted Case cannot be read back by {options.ExternalIdField}.");
        }

        if (existing is not { } found)
            throw new InvalidOperationException($"salesforce '{options.Name}': no Case with {options.ExternalIdField} = {ExternalKey(action.Episode)}; its open action must come first.");
        var soql = $"SELECT CommentBody FROM CaseComment WHERE ParentId = '{found.Id}'";
        var (_, comments) = await session.SendAsync(HttpMethod.Get, $"{Data}/query?q={Uri.EscapeDataString(soql)}", null, cancellationToken).ConfigureAwait(false);
        var marker = ActionMarkerPrefix + action.IdempotencyKey;
        if (comments?["records"]?.AsArray().Any(c => (c?["CommentBody"]?.GetValue<string>() ?? "").Split('\n').Any(l => l.TrimEnd('\r') == marker)) == true)
            return found.Number;

        // The change comes before the comment that carries the marker: a crash between them repeats the change, never skips it.
        JsonObject? change = action.Kind switch
        {
            EscalationActionKind.Escalate => new JsonObject { ["Priority"] = PriorityName(action.Content.Priority) },
            EscalationActionKind.Resolve or EscalationActionKind.Close => new JsonObject { ["Status"] = options.CloseStatus },
            _ => null,
        };
        if (change is not null) await session.SendAsync(HttpMethod.Patch, $"{Data}/sobjects/Case/{found.Id}", change, cancellationToken).ConfigureAwait(false);
        await session.SendAsync(HttpMethod.Post, $"{Data}/sobjects/CaseComment", new JsonObject
        {
            ["ParentId"] = found.Id,
            ["CommentBody"] = Text(action),
            ["IsPublished"] = false,
        }, cancellationToken).ConfigureAwait(false);
        return found.Number;
    }

    private string Data => $"services/data/{options.ApiVersion}";

    private async Task<(string Id, string Number)?> FindAsync(string byKey, CancellationToken cancellationToken)
    {
        var (status, found) = await session.SendAsync(HttpMethod.Get, byKey + "?fields=Id,CaseNumber", null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return status == HttpStatusCode.NotFound || found is null ? null : (found["Id"]!.GetValue<string>(), found["CaseNumber"]!.GetValue<string>());
    }

    private static string Text(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var lines = message.Facts.Select(f => $"{f.Label}: {f.Value}");
        return string.Join("\n", [message.Title, "", .. lines, "", $"Evidence: {message.EvidenceHash}", ActionMarkerPrefix + action.IdempotencyKey]);
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex KeyUnsafe();
}
