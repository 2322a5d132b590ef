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
            // The outer message can carry the request URI; keep the error kind and the socket or TLS reason only.
            var reason = e.InnerException?.Message is { Length: > 0 } inner ? $" ({inner})" : "";
            throw new HttpRequestException($"{sink} could not be reached: {e.HttpRequestError}{reason}", null, e.StatusCode);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{sink} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}", null, response.StatusCode);
            return text;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
