using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ValueGuard.Core.Commitments;
using ValueGuard.Escalation.TwoWay;

namespace ValueGuard.Escalation.Sinks.PagerDuty;

/// <summary>
/// Reads a breach episode's PagerDuty incident back over the REST API (<c>GET /incidents?incident_key=</c>, the
/// alert's dedup key): acknowledged or resolved by a person counts as acknowledging the commitment.
/// </summary>
public sealed class PagerDutyIncidentReader : ITicketAcknowledgementSource
{
    private readonly PagerDutyIncidentOptions options;
    private readonly HttpClient http;
    private readonly string token;
    private readonly Uri baseUrl;

    // The HttpClient is owned by the caller; the reader applies PagerDutyIncidentOptions.Timeout per request.
    public PagerDutyIncidentReader(PagerDutyIncidentOptions options, HttpClient http)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        this.http = http;
        token = SecretFile.Read(options.ApiTokenFile, $"pagerduty '{options.Name}' two_way.api_token_file");
        baseUrl = options.ApiUrl.AbsoluteUri.EndsWith('/') ? options.ApiUrl : new Uri(options.ApiUrl.AbsoluteUri + "/");
    }

    public string Name => options.Name;

    public async Task<TicketAcknowledgement?> FindAsync(BreachEpisodeId episode, string remoteId, CancellationToken cancellationToken)
    {
        var incidents = await IncidentsAsync(remoteId, "&statuses[]=acknowledged&statuses[]=resolved", cancellationToken).ConfigureAwait(false);
        var incident = incidents.FirstOrDefault(i => i?["incident_key"]?.GetValue<string>() == remoteId && i["status"]?.GetValue<string>() is "acknowledged" or "resolved");
        if (incident is null) return null;
        var status = incident["status"]!.GetValue<string>();
        var by = incident["acknowledgements"]?.AsArray().LastOrDefault()?["acknowledger"]?["summary"]?.GetValue<string>()
            ?? incident["last_status_change_by"]?["summary"]?.GetValue<string>()
            ?? "unknown";
        return new TicketAcknowledgement($"PagerDuty incident {Number(incident, remoteId)}", by, status);
    }

    /// <summary>
    /// The incident an alert's <paramref name="dedupKey"/> opened, whatever its status (for example <c>#12 (resolved)</c>),
    /// or null when PagerDuty has none: what <c>valueguard escalation test</c> asks before triggering again.
    /// </summary>
    public async Task<string?> IncidentOfAsync(string dedupKey, CancellationToken cancellationToken)
    {
        var incidents = await IncidentsAsync(dedupKey, "", cancellationToken).ConfigureAwait(false);
        var incident = incidents.FirstOrDefault(i => i?["incident_key"]?.GetValue<string>() == dedupKey);
        return incident is null ? null : $"{Number(incident, dedupKey)} ({incident["status"]?.GetValue<string>() ?? "unknown"})";
    }

    private static string Number(JsonNode incident, string fallback) =>
        incident["incident_number"]?.GetValue<int>() is { } n ? "#" + n.ToString(CultureInfo.InvariantCulture) : incident["id"]?.GetValue<string>() ?? fallback;

    /// <summary><c>GET /incidents?incident_key=KEY&amp;date_range=all</c> plus <paramref name="filter"/>: the <c>incidents</c> it lists.</summary>
    private async Task<IReadOnlyList<JsonNode?>> IncidentsAsync(string dedupKey, string filter, CancellationToken cancellationToken)
    {
        var query = $"incidents?incident_key={Uri.EscapeDataString(dedupKey)}&date_range=all{filter}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, query));
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", "token=" + token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.pagerduty+json") { Parameters = { new NameValueHeaderValue("version", "2") } });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        string text;
        try
        {
            using var response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"pagerduty '{options.Name}' GET /incidents answered {(int)response.StatusCode}: {(text.Length <= 200 ? text : text[..200])}", null, response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"pagerduty '{options.Name}' REST API did not answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        return [.. JsonNode.Parse(text)?["incidents"]?.AsArray() ?? []];
    }
}
