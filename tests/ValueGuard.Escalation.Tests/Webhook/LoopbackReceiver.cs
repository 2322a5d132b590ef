using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ValueGuard.Escalation.Tests.Webhook;

/// <summary>A real HTTP receiver on a free 127.0.0.1 port that records each request and answers as told.</summary>
internal sealed class LoopbackReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public LoopbackReceiver(Func<int, (int Status, string Body)> answer)
        : this((_, n) => answer(n))
    {
    }

    /// <summary>A receiver that answers by looking at the request (method, path, query, body), for fake REST servers.</summary>
    /// <paramref name="path"/> is where it listens; "/" takes every request on its port.
    public static LoopbackReceiver Routing(Func<ReceivedRequest, (int Status, string Body)> answer, string path = DefaultPath) =>
        new((request, _) => answer(request), path);

    private const string DefaultPath = "/hooks/valueguard/";

    private LoopbackReceiver(Func<ReceivedRequest, int, (int Status, string Body)> answer, string path = DefaultPath)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}{path}");
        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
                var received = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray()) { Query = context.Request.Url.Query };
                Requests.Enqueue(received);
                var (status, text) = answer(received, Requests.Count);
                context.Response.StatusCode = status;
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}

internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The raw query string, with its leading '?' (empty when there is none).</summary>
    public string Query { get; init; } = "";
}
