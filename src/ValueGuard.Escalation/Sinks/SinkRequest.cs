namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Sends one sink request under the sink's timeout and turns the ways it fails to answer into exceptions that name
/// the sink, never the URL (for chat webhooks the URL is the credential) nor the query (which can carry keys).
/// </summary>
internal static class SinkRequest
{
    /// <summary>The answer and the deadline's token, to read the body under the same timeout; dispose both.</summary>
    public static async Task<(HttpResponseMessage Response, CancellationTokenSource Deadline)> SendAsync(
        HttpClient http, HttpRequestMessage request, TimeSpan timeout, string sink, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return (await http.SendAsync(request, deadline.Token).ConfigureAwait(false), deadline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            deadline.Dispose();
            throw new TimeoutException($"{sink} did not answer within {timeout.TotalSeconds} s");
        }
        catch (HttpRequestException e)
        {
            deadline.Dispose();
            // The outer message can carry the request URI; keep the error kind and the socket or TLS reason only.
            var reason = e.InnerException?.Message is { Length: > 0 } inner ? $" ({inner})" : "";
            throw new HttpRequestException($"{sink} could not be reached: {e.HttpRequestError}{reason}", null, e.StatusCode);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
