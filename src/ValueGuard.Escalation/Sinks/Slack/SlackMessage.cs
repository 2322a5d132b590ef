using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Slack;

/// <summary>
/// The incoming-webhook body for one escalation action: <c>text</c> (the notification fallback) and Block Kit
/// <c>blocks</c> (a header, the facts as mrkdwn fields, the evidence hash as context).
/// </summary>
public static class SlackMessage
{
    /// <summary>Slack allows at most 10 fields in one section block and 150 characters in a header.</summary>
    private const int MaxFieldsPerSection = 10;
    private const int MaxHeaderLength = 150;

    public static byte[] Serialize(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("text", Escape(message.Title));
            w.WriteStartArray("blocks");
            w.WriteStartObject();
            w.WriteString("type", "header");
            WriteText(w, "plain_text", message.Title.Length <= MaxHeaderLength ? message.Title : message.Title[..(MaxHeaderLength - 1)] + "…");
            w.WriteEndObject();
            foreach (var chunk in message.Facts.Chunk(MaxFieldsPerSection))
            {
                w.WriteStartObject();
                w.WriteString("type", "section");
                w.WriteStartArray("fields");
                foreach (var (label, value) in chunk)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "mrkdwn");
                    w.WriteString("text", $"*{label}*\n{Escape(value)}");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteString("type", "context");
            w.WriteStartArray("elements");
            w.WriteStartObject();
            w.WriteString("type", "mrkdwn");
            w.WriteString("text", $"Evidence `{message.EvidenceHash}` · {Escape(message.IdempotencyKey)}");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Slack's three control characters in mrkdwn: a target like "&gt;= 98%" must not become markup.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void WriteText(Utf8JsonWriter w, string type, string text)
    {
        w.WriteStartObject("text");
        w.WriteString("type", type);
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
