using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Webhook;

/// <summary>The JSON body a webhook receives for one escalation action (schema in docs/webhook.md).</summary>
public static class WebhookPayload
{
    public const int SchemaVersion = 1;

    public static byte[] Serialize(EscalationAction action)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var c = action.Content;
            w.WriteStartObject();
            w.WriteNumber("schema", SchemaVersion);
            w.WriteString("idempotency_key", action.IdempotencyKey);
            w.WriteString("kind", action.Kind == EscalationActionKind.AtRisk ? "at_risk" : action.Kind.ToString().ToLowerInvariant());
            w.WriteNumber("level", action.Level);
            if (action.Kind == EscalationActionKind.Remind) w.WriteNumber("reminder", action.Reminder);
            if (action.Kind == EscalationActionKind.Acknowledge) WriteNullable(w, "acknowledged_by", action.Actor);
            w.WriteString("at", action.At.UtcDateTime);
            w.WriteStartObject("episode");
            w.WriteString("id", action.Episode.ToString());
            w.WriteString("contract_id", action.Episode.ContractId);
            w.WriteString("clause_id", action.Episode.ClauseId);
            w.WriteNumber("number", action.Episode.Number);
            w.WriteEndObject();
            w.WriteStartObject("ticket");
            w.WriteString("customer", c.Customer);
            w.WriteString("contract_id", c.ContractId);
            w.WriteString("clause_id", c.ClauseId);
            w.WriteString("clause_text", c.ClauseText);
            w.WriteString("target", c.Target);
            w.WriteString("actual", c.Actual);
            w.WriteString("coverage", c.Coverage);
            w.WriteString("window", c.Window);
            w.WriteString("state", c.State);
            w.WriteString("priority", c.Priority);
            if (c.Assignee is null) w.WriteNull("assignee");
            else w.WriteString("assignee", c.Assignee);
            w.WriteStartArray("watchers");
            foreach (var watcher in c.Watchers) w.WriteStringValue(watcher);
            w.WriteEndArray();
            WriteNullable(w, "forecast", c.Forecast);
            WriteNullable(w, "report_url", c.ReportUrl);
            w.WriteString("evidence_hash", c.EvidenceHash);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
