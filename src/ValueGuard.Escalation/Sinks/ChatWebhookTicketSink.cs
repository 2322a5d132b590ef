using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Posts each escalation action to a chat incoming webhook (one message per action), in the body
/// <see cref="Format"/> writes: <c>SlackMessage.Serialize</c> for Slack, <c>TeamsMessage.Serialize</c> for a
/// Microsoft Teams incoming webhook (or a Teams Workflows webhook URL, which takes the same body), <c>FeishuMessage</c>
/// and <c>WeComMessage</c> for the Feishu/Lark and WeCom group robots. Robots that answer 200 with a refusal in the body
/// pass <see cref="ChatRobotAnswer.Refusal"/>. Chats have no idempotency key: a retry after a lost answer can post the
/// same message twice, which a chat tolerates.
/// </summary>
public sealed class ChatWebhookTicketSink : ITicketSink
{
    private readonly ChatWebhookOptions options;
    private readonly HttpClient http;
    private readonly Uri url;
    private readonly Func<string, string?>? refusal;

    /// <summary>A sink posting <paramref name="format"/>(action); <paramref name="refusal"/>, when given, reads a 2xx answer and a non-null result (the vendor's refusal) fails the action.</summary>
    public ChatWebhookTicketSink(ChatWebhookOptions options, HttpClient http, Func<EscalationAction, byte[]> format, Func<string, string?>? refusal = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        Format = format;
        this.refusal = refusal;
        url = options.ReadUrl();
    }

    public string Name => options.Name;

    /// <summary>Turns an action into the chat's JSON body.</summary>
    public Func<EscalationAction, byte[]> Format { get; }

    /// <summary>Chats answer without a message id; the action's idempotency key stands in for one.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var sink = $"{options.Kind} '{options.Name}'";
        var answer = await JsonPost.SendAsync(http, url, Format(action), options.Timeout, sink, cancellationToken).ConfigureAwait(false);
        if (refusal?.Invoke(answer) is { } refused) throw new HttpRequestException($"{sink} refused the message: {refused}");
        return action.IdempotencyKey;
    }
}
