using System.Net.Http.Headers;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Posts a JSON body with a per-request timeout and turns a non-2xx answer into an exception, so the outbox
/// retries. Messages name the sink, never the URL: for chat webhooks the URL is the credential.
/// </summary>
internal static class JsonPost
{
    public static async Task<string> SendAsync(HttpClient http, Uri url, byte[] body, TimeSpan timeout, string sink, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var (response, deadline) = await SinkRequest.SendAsync(http, request, timeout, sink, cancellationToken).ConfigureAwait(false);
        using var _ = deadline;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{sink} answered {(int)response.StatusCode} {response.ReasonPhrase}: {SinkRequest.Shorten(text)}", null, response.StatusCode);
            return text;
        }
    }
}
