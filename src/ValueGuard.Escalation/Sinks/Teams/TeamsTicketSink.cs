using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Teams;

/// <summary>
/// Posts each escalation action as an Adaptive Card to a Microsoft Teams incoming webhook (or a Teams
/// Workflows "post to a channel when a webhook request is received" URL, which takes the same body).
/// </summary>
public sealed class TeamsTicketSink : ITicketSink
{
    private readonly ChatWebhookOptions options;
    private readonly HttpClient http;
    private readonly Uri url;

    public TeamsTicketSink(ChatWebhookOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        url = options.ReadUrl();
    }

    public string Name => options.Name;

    /// <summary>Teams returns no message id; the action's idempotency key stands in for one.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        await JsonPost.SendAsync(http, url, TeamsMessage.Serialize(action), options.Timeout, $"teams '{options.Name}'", cancellationToken).ConfigureAwait(false);
        return action.IdempotencyKey;
    }
}
