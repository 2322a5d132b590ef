using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.PagerDuty;

/// <summary>
/// The Events API v2 alert event for one escalation action (docs/sinks.md): opening, escalating and reminding
/// trigger the alert whose <c>dedup_key</c> is the breach episode's id; a person's acknowledgement acknowledges it;
/// recovery and the period's close resolve it. Acknowledge and resolve events carry no payload (PagerDuty ignores one).
/// </summary>
public static class PagerDutyEvent
{
    /// <summary>PagerDuty cuts <c>payload.summary</c> at 1024 characters.</summary>
    public const int MaxSummaryLength = 1024;

    public static string ActionFor(EscalationActionKind kind) => kind switch
    {
        EscalationActionKind.Open or EscalationActionKind.Escalate or EscalationActionKind.Remind => "trigger",
        EscalationActionKind.Resolve or EscalationActionKind.Close => "resolve",
        EscalationActionKind.Acknowledge => "acknowledge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no PagerDuty event for this action"),
    };

    /// <summary>PagerDuty's four severities from a ticket priority; unknown priorities become <c>warning</c>.</summary>
    public static string SeverityFor(string priority) => priority.ToLowerInvariant() switch
    {
        "immediate" or "urgent" => "critical",
        "high" => "error",
        "low" => "info",
        _ => "warning",
    };

    public static byte[] Serialize(EscalationAction action, string routingKey, string source)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var eventAction = ActionFor(action.Kind);
            var c = action.Content;
            w.WriteStartObject();
            w.WriteString("routing_key", routingKey);
            w.WriteString("event_action", eventAction);
            w.WriteString("dedup_key", action.Episode.ToString());
            if (eventAction == "trigger")
            {
                w.WriteStartObject("payload");
                w.WriteString("summary", Summary(action));
                w.WriteString("source", source);
                w.WriteString("severity", SeverityFor(c.Priority));
                w.WriteString("timestamp", action.At.UtcDateTime);
                w.WriteString("component", c.ClauseId);
                w.WriteString("group", c.ContractId);
                w.WriteString("class", "value-commitment-breach");
                w.WriteStartObject("custom_details");
                w.WriteString("customer", c.Customer);
                w.WriteString("clause_text", c.ClauseText);
                w.WriteString("target", c.Target);
                w.WriteString("actual", c.Actual);
                w.WriteString("coverage", c.Coverage);
                w.WriteString("window", c.Window);
                w.WriteString("state", c.State);
                w.WriteString("priority", c.Priority);
                w.WriteNumber("level", action.Level);
                if (c.Assignee is not null) w.WriteString("assignee", c.Assignee);
                if (c.Forecast is not null) w.WriteString("forecast", c.Forecast);
                if (c.ReportUrl is not null) w.WriteString("report_url", c.ReportUrl);
                w.WriteString("evidence_hash", c.EvidenceHash);
                w.WriteString("idempotency_key", action.IdempotencyKey);
                w.WriteEndObject();
                w.WriteEndObject();
                if (c.ReportUrl is not null)
                {
                    w.WriteStartArray("links");
                    w.WriteStartObject();
                    w.WriteString("href", c.ReportUrl);
                    w.WriteString("text", "Compliance report");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string Summary(EscalationAction action)
    {
        var c = action.Content;
        var text = $"{c.Customer} {c.ContractId}/{c.ClauseId} {c.State}: {c.ClauseText} (target {c.Target}, actual {c.Actual}, level {action.Level})";
        return text.Length <= MaxSummaryLength ? text : text[..(MaxSummaryLength - 1)] + "…";
    }
}
