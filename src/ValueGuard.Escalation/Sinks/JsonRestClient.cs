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
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{sink} did not answer within {timeout.TotalSeconds} s");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException?.Message is { Length: > 0 } inner ? $" ({inner})" : "";
            throw new HttpRequestException($"{sink} could not be reached: {e.HttpRequestError}{reason}", null, e.StatusCode);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && !alsoAccepted.Contains(response.StatusCode))
                throw new HttpRequestException($"{sink} {method} /{path.Split('?')[0]} answered {(int)response.StatusCode}: {(text.Length <= 200 ? text : text[..200] + "…")}", null, response.StatusCode);
            return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
        }
    }
}
