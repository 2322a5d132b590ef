using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.DingTalk;

/// <summary>
/// Posts each escalation action as Markdown to a DingTalk custom group robot, signing every request's URL.
/// DingTalk answers HTTP 200 even when it refuses a message; a non-zero <c>errcode</c> counts as failed.
/// </summary>
public sealed class DingTalkTicketSink : ITicketSink
{
    private readonly DingTalkSinkOptions options;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly Uri url;
    private readonly string secret;

    public DingTalkTicketSink(DingTalkSinkOptions options, HttpClient http, TimeProvider time)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        this.time = time;
        url = new ChatWebhookOptions { Name = options.Name, Kind = "dingtalk", UrlFile = options.UrlFile }.ReadUrl();
        secret = SecretFile.Read(options.SecretFile, $"dingtalk '{options.Name}' secret_file");
    }

    public string Name => options.Name;

    /// <summary>DingTalk returns no message id; the action's idempotency key stands in for one.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var signed = DingTalkSignature.Sign(url, secret, time.GetUtcNow().ToUnixTimeMilliseconds());
        var sink = $"dingtalk '{options.Name}'";
        var text = await JsonPost.SendAsync(http, signed, DingTalkMessage.Serialize(action), options.Timeout, sink, cancellationToken).ConfigureAwait(false);
        var (code, message) = Result(text);
        if (code != 0) throw new HttpRequestException($"{sink} refused the message: errcode {code}, {message}");
        return action.IdempotencyKey;
    }

    private static (long Code, string Message) Result(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errcode", out var code) && code.TryGetInt64(out var value))
                return (value, root.TryGetProperty("errmsg", out var msg) ? msg.ToString() : "");
        }
        catch (JsonException)
        {
        }
        return (-1, "the answer was not DingTalk's {\"errcode\":…,\"errmsg\":…}");
    }
}
