using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.WeCom;

/// <summary>
/// The WeCom (企业微信) group robot body for one escalation action: <c>{"msgtype": "markdown", "markdown": {"content": …}}</c>.
/// WeCom takes at most 4096 UTF-8 bytes of Markdown; longer text is cut on a character boundary and ends in "…".
/// </summary>
public static class WeComMessage
{
    public const int MaxContentBytes = 4096;

    public static byte[] Serialize(EscalationAction action)
    {
        var message = ChatMessage.For(action);
        var colour = action.Kind is EscalationActionKind.Resolve ? "info" : "warning";
        var text = new StringBuilder().Append("### ").Append(message.Title).Append('\n');
        foreach (var (label, value) in message.Facts)
        {
            text.Append("> ").Append(label).Append(": ");
            if (label == "Actual") text.Append("<font color=\"").Append(colour).Append("\">").Append(value).Append("</font>");
            else text.Append(value);
            text.Append('\n');
        }
        text.Append("<font color=\"comment\">Evidence ").Append(message.EvidenceHash).Append(" · ").Append(message.IdempotencyKey).Append("</font>");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("msgtype", "markdown");
            w.WriteStartObject("markdown");
            w.WriteString("content", Cut(text.ToString()));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The text cut to <see cref="MaxContentBytes"/> UTF-8 bytes without splitting a character.</summary>
    public static string Cut(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxContentBytes) return text;
        const string ellipsis = "…";
        var budget = MaxContentBytes - Encoding.UTF8.GetByteCount(ellipsis);
        var length = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget) break;
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length] + ellipsis;
    }
}
