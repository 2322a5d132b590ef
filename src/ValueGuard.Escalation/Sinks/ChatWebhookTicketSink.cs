using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Posts each escalation action to a chat incoming webhook (one message per action), in the body
/// <see cref="Format"/> writes: <c>SlackMessage.Serialize</c> for Slack, <c>TeamsMessage.Serialize</c> for a
/// Microsoft Teams incoming webhook (or a Teams Workflows webhook URL, which takes the same body). Chats have no
/// idempotency key: a retry after a lost answer can post the same message twice, which a chat tolerates.
/// </summary>
public sealed class ChatWebhookTicketSink : ITicketSink
{
    private readonly ChatWebhookOptions options;
    private readonly HttpClient http;
    private readonly Uri url;

    public ChatWebhookTicketSink(ChatWebhookOptions options, HttpClient http, Func<EscalationAction, byte[]> format)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        Format = format;
        url = options.ReadUrl();
    }

    public string Name => options.Name;

    /// <summary>Turns an action into the chat's JSON body.</summary>
    public Func<EscalationAction, byte[]> Format { get; }

    /// <summary>Chats answer without a message id; the action's idempotency key stands in for one.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        await JsonPost.SendAsync(http, url, Format(action), options.Timeout, $"{options.Kind} '{options.Name}'", cancellationToken).ConfigureAwait(false);
        return action.IdempotencyKey;
    }
}
