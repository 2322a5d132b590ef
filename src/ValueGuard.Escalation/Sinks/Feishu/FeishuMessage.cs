using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Feishu;

/// <summary>
/// The Feishu/Lark custom robot body for one escalation action: <c>msg_type: interactive</c> with a message card (a
/// header coloured by the action, the facts as <c>lark_md</c> fields, a note with the evidence hash), preceded by
/// <c>timestamp</c> and <c>sign</c> when the robot has a signing secret.
/// </summary>
public static class FeishuMessage
{
    /// <summary>The body; <paramref name="secret"/> null leaves out <c>timestamp</c> and <c>sign</c> (a robot secured by keyword or IP list).</summary>
    public static byte[] Serialize(EscalationAction action, string? secret, DateTimeOffset now)
    {
        var message = ChatMessage.For(action);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (secret is not null)
            {
                var timestamp = now.ToUnixTimeSeconds();
                // Feishu's own examples send the timestamp as a string of seconds.
                w.WriteString("timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                w.WriteString("sign", FeishuSignature.Compute(secret, timestamp));
            }
            w.WriteString("msg_type", "interactive");
            w.WriteStartObject("card");
            w.WriteStartObject("config");
            w.WriteBoolean("wide_screen_mode", true);
            w.WriteEndObject();
            w.WriteStartObject("header");
            w.WriteStartObject("title");
            w.WriteString("tag", "plain_text");
            w.WriteString("content", message.Title);
            w.WriteEndObject();
            w.WriteString("template", Colour(action.Kind));
            w.WriteEndObject();
            w.WriteStartArray("elements");
            w.WriteStartObject();
            w.WriteString("tag", "div");
            w.WriteStartArray("fields");
            foreach (var (label, value) in message.Facts)
            {
                w.WriteStartObject();
                w.WriteBoolean("is_short", label is not ("Clause" or "Window" or "Watchers"));
                w.WriteStartObject("text");
                w.WriteString("tag", "lark_md");
                w.WriteString("content", $"**{label}**\n{value}");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("tag", "note");
            w.WriteStartArray("elements");
            w.WriteStartObject();
            w.WriteString("tag", "plain_text");
            w.WriteString("content", $"Evidence {message.EvidenceHash} · {message.IdempotencyKey}");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string Colour(EscalationActionKind kind) => kind switch
    {
        EscalationActionKind.Open or EscalationActionKind.Escalate => "red",
        EscalationActionKind.Remind or EscalationActionKind.AtRisk => "orange",
        EscalationActionKind.Resolve => "green",
        EscalationActionKind.Acknowledge => "blue",
        _ => "grey",
    };
}
