using System.Text;
using ValueGuard.Escalation.Tests.Webhook;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// An HTTP server on a free 127.0.0.1 port that answers every request <c>401 {"error":"unauthorized"}</c>, as a
/// ticket system or InfluxDB does for a wrong credential, and keeps each request so a test can see which
/// credentials were sent.
/// </summary>
public sealed class RefusingHttpServer : IDisposable
{
    private readonly LoopbackReceiver receiver = LoopbackReceiver.Routing(_ => (401, """{"error":"unauthorized"}"""), path: "/");

    public Uri Url => receiver.Url;

    /// <summary>Whether a request so far held <paramref name="text"/> in "METHOD path?query", a "Name: value" header line or its body.</summary>
    public bool Saw(string text) => receiver.Requests.Any(r => AsText(r).Contains(text, StringComparison.Ordinal));

    private static string AsText(ReceivedRequest request)
    {
        var text = new StringBuilder($"{request.Method} {request.Path}{request.Query}\n");
        foreach (var (name, value) in request.Headers) text.Append(name).Append(": ").Append(value).Append('\n');
        return text.Append('\n').Append(Encoding.UTF8.GetString(request.Body)).ToString();
    }

    public void Dispose() => receiver.Dispose();
}
