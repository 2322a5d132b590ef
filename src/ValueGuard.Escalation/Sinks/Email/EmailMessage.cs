using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Email;

/// <summary>
/// The e-mail for one escalation action: a plain-text UTF-8 message whose <c>Message-ID</c> is derived from the
/// action's idempotency key (the same action always carries the same id, so a resend is recognisable as a duplicate)
/// and which threads under the episode's opening message through <c>In-Reply-To</c> and <c>References</c>.
/// </summary>
public static class EmailMessage
{
    public const string KeyHeader = "X-ValueGuard-Key";

    /// <summary><c>&lt;vg.{first 32 hex digits of SHA-256(key)}@{sender's domain}&gt;</c>: the key's characters (/, #) need no escaping this way.</summary>
    public static string MessageId(string idempotencyKey, string from)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        return $"<vg.{hash}@{new MailAddress(from).Host}>";
    }

    /// <summary>The Message-ID of the episode's open action, which every later message of the episode answers.</summary>
    public static string ThreadId(BreachEpisodeId episode, string from) => MessageId($"{episode}#open-0", from);

    public static MailMessage Create(EscalationAction action, EmailSinkOptions options)
    {
        var chat = ChatMessage.For(action);
        var message = new MailMessage
        {
            From = new MailAddress(options.From),
            Subject = "[ValueGuard] " + chat.Title,
            SubjectEncoding = Encoding.UTF8,
            Body = Body(action, chat),
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        foreach (var to in options.To) message.To.Add(to);
        message.Headers.Add("Message-ID", MessageId(action.IdempotencyKey, options.From));
        if (action.Kind is not (EscalationActionKind.Open or EscalationActionKind.AtRisk))
        {
            var thread = ThreadId(action.Episode, options.From);
            message.Headers.Add("In-Reply-To", thread);
            message.Headers.Add("References", thread);
        }
        message.Headers.Add(KeyHeader, action.IdempotencyKey);
        return message;
    }

    private static string Body(EscalationAction action, ChatMessage chat)
    {
        var text = new StringBuilder().Append(chat.Title).Append("\r\n\r\n");
        foreach (var (label, value) in chat.Facts) text.Append(label).Append(": ").Append(value).Append("\r\n");
        text.Append("\r\nEvidence record: ").Append(chat.EvidenceHash).Append("\r\n");
        text.Append("valueguard-action: ").Append(action.IdempotencyKey).Append("\r\n");
        return text.ToString();
    }
}
