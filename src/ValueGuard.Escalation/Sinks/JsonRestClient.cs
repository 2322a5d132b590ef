using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// JSON over HTTP for the ticket-system sinks (ServiceNow, Salesforce): one request with the sink's authorization and
/// timeout, a non-2xx answer turned into an exception that names the method and path (never the query, which can
/// carry keys, nor the credential).
/// </summary>
internal sealed class JsonRestClient(HttpClient http, Uri baseUrl, TimeSpan timeout, string sink)
{
    private readonly Uri baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    public Uri BaseUrl => baseUrl;

    /// <summary>Sends a request; the authorization is asked for per request, so a refreshed token is used at once.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body,
        AuthenticationHeaderValue authorization, CancellationToken cancellationToken, params HttpStatusCode[] alsoAccepted)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var (response, deadline) = await SinkRequest.SendAsync(http, request, timeout, sink, cancellationToken).ConfigureAwait(false);
        using var _ = deadline;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && !alsoAccepted.Contains(response.StatusCode))
                throw new HttpRequestException($"{sink} {method} /{path.Split('?')[0]} answered {(int)response.StatusCode}: {SinkRequest.Shorten(text)}", null, response.StatusCode);
            // An accepted failure (a 404 meaning "not there") may come as an HTML page: its body is not read.
            return (response.StatusCode, !response.IsSuccessStatusCode || string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
        }
    }
}
