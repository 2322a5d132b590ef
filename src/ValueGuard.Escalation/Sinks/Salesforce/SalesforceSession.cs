using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ValueGuard.Escalation.Sinks.Salesforce;

/// <summary>
/// A Salesforce REST session: an access token from the OAuth 2.0 client credentials flow
/// (<c>POST {My Domain}/services/oauth2/token</c>), requests against the <c>instance_url</c> it names, and one fresh
/// token when an answer says the session expired (401).
/// </summary>
internal sealed class SalesforceSession(SalesforceSinkOptions options, HttpClient http, string clientSecret)
{
    private readonly string sink = $"salesforce '{options.Name}'";
    private (JsonRestClient Api, AuthenticationHeaderValue Authorization)? current;

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, params HttpStatusCode[] alsoAccepted)
    {
        var (api, auth) = current ??= await SignInAsync(cancellationToken).ConfigureAwait(false);
        var answer = await api.SendAsync(method, path, body, auth, cancellationToken, [.. alsoAccepted, HttpStatusCode.Unauthorized]).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.Unauthorized || alsoAccepted.Contains(HttpStatusCode.Unauthorized)) return answer;
        (api, auth) = (current = await SignInAsync(cancellationToken).ConfigureAwait(false)).Value;
        return await api.SendAsync(method, path, body, auth, cancellationToken, alsoAccepted).ConfigureAwait(false);
    }

    private async Task<(JsonRestClient, AuthenticationHeaderValue)> SignInAsync(CancellationToken cancellationToken)
    {
        var tokenUrl = new Uri(options.Url.AbsoluteUri.TrimEnd('/') + "/services/oauth2/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", options.ClientId), new("client_secret", clientSecret)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (response, deadline) = await SinkRequest.SendAsync(http, request, options.Timeout, $"{sink} token endpoint", cancellationToken).ConfigureAwait(false);
        using var _ = deadline;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            // The error answer is {"error":"invalid_client","error_description":"..."}: safe to show, it never echoes the secret.
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{sink} sign-in (client credentials) answered {(int)response.StatusCode}: {SinkRequest.Shorten(text)}", null, response.StatusCode);
            var json = JsonNode.Parse(text);
            var token = json?["access_token"]?.GetValue<string>() ?? throw new HttpRequestException($"{sink} sign-in answer has no access_token");
            var instance = json["instance_url"]?.GetValue<string>() is { } i && Uri.TryCreate(i, UriKind.Absolute, out var u) ? u : options.Url;
            return (new JsonRestClient(http, instance, options.Timeout, sink), new AuthenticationHeaderValue("Bearer", token));
        }
    }
}
