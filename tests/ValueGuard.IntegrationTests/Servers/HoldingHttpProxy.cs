using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// An HTTP/1.1 relay to a real server that can fail the way a network fails at the worst moment. While
/// <see cref="HoldResponsesTo"/> matches a request, the request reaches the server and the server answers, but the
/// answer is never passed on: the caller has acted remotely and cannot know it (the "sent, not marked done" gap).
/// While <see cref="Down"/> every connection is closed at once. One request per connection (Connection: close).
/// </summary>
public sealed class HoldingHttpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly TaskCompletionSource<string> firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task accepting;
    private int forwarded;

    public HoldingHttpProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync(stopping.Token);
    }

    public Uri Url { get; }

    /// <summary>Requests ("POST /issues.json") whose answer is withheld; null passes every answer on.</summary>
    public Func<string, bool>? HoldResponsesTo { get; set; }

    /// <summary>While true, every connection is closed at once, as by a server that is away.</summary>
    public volatile bool Down;

    /// <summary>Completes with the request line of the first request the server answered and this proxy withheld.</summary>
    public Task<string> FirstHeld => firstHeld.Task;

    /// <summary>Requests forwarded to the server so far (held ones included).</summary>
    public int Forwarded => Volatile.Read(ref forwarded);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try { await accepting; }
        catch (Exception e) when (e is OperationCanceledException or SocketException) { }
        lock (open)
        {
            foreach (var c in open) c.Dispose();
            open.Clear();
        }
        http.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            if (Down)
            {
                client.Dispose();
                continue;
            }
            lock (open) open.Add(client);
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        try
        {
            var stream = client.GetStream();
            var (requestLine, headers, body) = await ReadRequestAsync(stream, cancellationToken);
            var parts = requestLine.Split(' ');
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), new Uri(target, parts[1]));
            if (body.Length > 0 || parts[0] is "POST" or "PUT") request.Content = new ByteArrayContent(body);
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) continue;
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            Interlocked.Increment(ref forwarded);
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var hold = HoldResponsesTo;
            if (hold is not null && hold($"{parts[0]} {parts[1].Split('?')[0]}"))
            {
                firstHeld.TrySetResult(requestLine);
                await Task.Delay(Timeout.Infinite, cancellationToken); // the connection stays open and silent until the caller dies
            }
            var head = new StringBuilder();
            head.Append($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
            foreach (var h in response.Content.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                head.Append($"{h.Key}: {string.Join(", ", h.Value)}\r\n");
            head.Append($"Content-Length: {answer.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            await stream.WriteAsync(answer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
            // A caller killed mid-request, or the server away: the connection just ends.
        }
        finally
        {
            lock (open) open.Remove(client);
            client.Dispose();
        }
    }

    private static async Task<(string RequestLine, List<(string, string)> Headers, byte[] Body)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) throw new IOException("the caller closed the connection mid-request");
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var length = headers.Where(h => h.Item1.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h.Item2, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        if (headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)))
            throw new IOException("chunked request bodies are not relayed by this test proxy");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (lines[0], headers, body);
    }
}
