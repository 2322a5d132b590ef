using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Slack;

/// <summary>
/// Posts each escalation action to a Slack incoming webhook (one message per action). Slack has no idempotency
/// key: a retry after a lost answer can post the same message twice, which a chat tolerates.
/// </summary>
public sealed class SlackTicketSink : ITicketSink
{
    private readonly ChatWebhookOptions options;
    private readonly HttpClient http;
    private readonly Uri url;

    public SlackTicketSink(ChatWebhookOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        url = options.ReadUrl();
    }

    public string Name => options.Name;

    /// <summary>Slack answers <c>ok</c> and no message id; the action's idempotency key stands in for one.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        await JsonPost.SendAsync(http, url, SlackMessage.Serialize(action), options.Timeout, $"slack '{options.Name}'", cancellationToken).ConfigureAwait(false);
        return action.IdempotencyKey;
    }
}
