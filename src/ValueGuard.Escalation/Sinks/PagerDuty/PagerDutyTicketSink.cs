using System.Text.Json;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.PagerDuty;

/// <summary>
/// Sends escalation actions to PagerDuty's Events API v2. The breach episode's id is the <c>dedup_key</c>,
/// so retries, restarts and reminders add to one alert instead of opening new ones.
/// </summary>
public sealed class PagerDutyTicketSink : ITicketSink
{
    private readonly PagerDutySinkOptions options;
    private readonly HttpClient http;
    private readonly string routingKey;

    // The HttpClient is owned by the caller; the sink applies PagerDutySinkOptions.Timeout per request.
    public PagerDutyTicketSink(PagerDutySinkOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        routingKey = SecretFile.Read(options.RoutingKeyFile, $"pagerduty '{options.Name}' routing_key_file");
    }

    public string Name => options.Name;

    /// <summary>Returns the alert's <c>dedup_key</c> as PagerDuty confirmed it.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        var body = PagerDutyEvent.Serialize(action, routingKey, options.Source);
        var text = await JsonPost.SendAsync(http, options.Url, body, options.Timeout, $"pagerduty '{options.Name}'", cancellationToken).ConfigureAwait(false);
        return DedupKey(text) ?? action.Episode.ToString();
    }

    private static string? DedupKey(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("dedup_key", out var key) && key.ValueKind == JsonValueKind.String
                ? key.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
