using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Webhook;

/// <summary>
/// Posts each escalation action as signed JSON to a URL (docs/webhook.md). A 2xx answer means delivered;
/// anything else throws, so the outbox retries with the same <c>Idempotency-Key</c> and the receiver can
/// drop the repeat.
/// </summary>
public sealed class WebhookTicketSink : ITicketSink
{
    public const string TimestampHeader = "X-ValueGuard-Timestamp";
    public const string SignatureHeader = "X-ValueGuard-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly WebhookSinkOptions options;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly byte[] secret;

    // The HttpClient is owned by the caller; the sink applies WebhookSinkOptions.Timeout per request.
    public WebhookTicketSink(WebhookSinkOptions options, HttpClient http, TimeProvider time)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        this.time = time;
        secret = Encoding.UTF8.GetBytes(SecretFile.Read(options.SecretFile, $"webhook '{options.Name}' secret_file"));
    }

    public string Name => options.Name;

    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(action);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.Add(IdempotencyKeyHeader, action.IdempotencyKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"webhook '{options.Name}' did not answer within {options.Timeout.TotalSeconds} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"webhook '{options.Name}' answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}",
                    null, response.StatusCode);
            return RemoteId(text) ?? action.IdempotencyKey;
        }
    }

    /// <summary>The receiver's ticket id, when it answered with a JSON object that has an <c>id</c>.</summary>
    private static string? RemoteId(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("id", out var id)) return null;
            return id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
