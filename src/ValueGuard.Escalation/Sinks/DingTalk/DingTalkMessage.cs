using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.DingTalk;

/// <summary>The robot message for one escalation action: <c>msgtype: markdown</c> with a title and a Markdown text.</summary>
public static class DingTalkMessage
{
    public static byte[] Serialize(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var text = new StringBuilder().Append("#### ").Append(message.Title).Append("\n\n");
        foreach (var (label, value) in message.Facts) text.Append("- **").Append(label).Append("**: ").Append(value).Append('\n');
        text.Append("\n> Evidence ").Append(message.EvidenceHash).Append(" · ").Append(message.IdempotencyKey);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("msgtype", "markdown");
            w.WriteStartObject("markdown");
            w.WriteString("title", message.Title);
            w.WriteString("text", text.ToString());
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
