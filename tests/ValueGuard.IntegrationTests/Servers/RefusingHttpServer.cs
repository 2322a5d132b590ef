using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// An HTTP server on a free 127.0.0.1 port that answers every request <c>401 {"error":"unauthorized"}</c>, as a
/// ticket system or InfluxDB does for a wrong credential, and keeps each request as text (request line, headers,
/// body) so a test can see which credentials were sent.
/// </summary>
public sealed class RefusingHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public RefusingHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                using var body = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var text = new StringBuilder($"{context.Request.HttpMethod} {context.Request.RawUrl}\n");
                foreach (var key in context.Request.Headers.AllKeys) text.Append(key).Append(": ").Append(context.Request.Headers[key]).Append('\n');
                text.Append('\n').Append(await body.ReadToEndAsync());
                Requests.Enqueue(text.ToString());
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync("""{"error":"unauthorized"}"""u8.ToArray());
                context.Response.Close();
            }
        });
    }

    public Uri Url { get; }

    /// <summary>Every request so far: "METHOD raw-url", the headers, an empty line, the body.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public bool Saw(string text) => Requests.Any(r => r.Contains(text, StringComparison.Ordinal));

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
