using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Tests.StandIns;

/// <summary>
/// A stand-in for the IoT Edge daemon's workload API: a small HTTP/1.1 responder on a Unix socket that signs
/// for one module with its key and serves a trust bundle. It checks the request as the brief describes it
/// (route, api-version ≥ 2018-06-28, JSON content type, keyId "primary", algo "HMACSHA256") and answers
/// 403 for another module, as the daemon does.
/// </summary>
internal sealed class WorkloadApiStandIn : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly string moduleId;
    private readonly byte[] moduleKey;
    private readonly string trustBundle;
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private int failuresToInject;

    public WorkloadApiStandIn(string socketPath, string moduleId, byte[] moduleKey, string trustBundlePem)
    {
        SocketPath = socketPath;
        this.moduleId = moduleId;
        this.moduleKey = moduleKey;
        trustBundle = trustBundlePem;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(16);
        acceptLoop = Task.Run(AcceptAsync);
    }

    public string SocketPath { get; }

    /// <summary>Request lines seen, e.g. <c>POST /modules/valueguard/genid/G1/sign?api-version=2022-08-03</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The decoded <c>data</c> of every sign request (the string-to-sign).</summary>
    public ConcurrentQueue<string> SignedData { get; } = new();

    /// <summary>Answers the next <paramref name="count"/> requests with 500, as a busy daemon might.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresToInject, count);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await listener.AcceptAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        await using var stream = new NetworkStream(connection);
        var (requestLine, headers, body) = await ReadRequestAsync(stream);
        if (requestLine is null) return;
        Requests.Enqueue(requestLine);
        var (status, answer) = Interlocked.Decrement(ref failuresToInject) >= 0
            ? (500, new JsonObject { ["message"] = "busy" })
            : Answer(requestLine, headers, body);
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        var head = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    private (int, JsonObject) Answer(string requestLine, Dictionary<string, string> headers, string body)
    {
        var parts = requestLine.Split(' ');
        var (method, target) = (parts[0], parts[1]);
        var query = target.Contains('?') ? target[(target.IndexOf('?') + 1)..] : "";
        var path = target.Split('?')[0];
        var version = query.StartsWith("api-version=", StringComparison.Ordinal) ? query["api-version=".Length..] : "";
        if (string.CompareOrdinal(version, "2018-06-28") < 0) return Error(400, $"api-version '{version}' is missing or older than 2018-06-28");
        if (method == "GET" && path == "/trust-bundle") return (200, new JsonObject { ["certificate"] = trustBundle });
        var segments = path.Split('/');
        if (method != "POST" || segments.Length != 6 || segments[1] != "modules" || segments[3] != "genid" || segments[5] != "sign")
            return Error(404, $"no route {method} {path}");
        if (Uri.UnescapeDataString(segments[2]) != moduleId) return Error(403, "a module signs only for itself");
        if (!headers.TryGetValue("content-type", out var type) || !type.StartsWith("application/json", StringComparison.Ordinal))
            return Error(415, "Content-Type must be application/json");
        var request = JsonNode.Parse(body)!.AsObject();
        if ((string?)request["keyId"] != "primary" || (string?)request["algo"] != "HMACSHA256")
            return Error(400, "keyId must be primary and algo HMACSHA256");
        var data = Convert.FromBase64String((string)request["data"]!);
        SignedData.Enqueue(Encoding.UTF8.GetString(data));
        return (200, new JsonObject { ["digest"] = Convert.ToBase64String(HMACSHA256.HashData(moduleKey, data)) });
    }

    private static (int, JsonObject) Error(int status, string message) => (status, new JsonObject { ["message"] = message });

    private static async Task<(string?, Dictionary<string, string>, string)> ReadRequestAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) return (null, [], "");
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n') break;
        }
        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim().ToLowerInvariant(), h => h[1].Trim());
        if (headers.ContainsKey("transfer-encoding")) throw new InvalidDataException("chunked request bodies are not expected: send a Content-Length");
        var length = headers.TryGetValue("content-length", out var l) ? int.Parse(l) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (lines[0][..lines[0].LastIndexOf(' ')], headers, Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        try { await acceptLoop; }
        catch (OperationCanceledException) { }
        File.Delete(SocketPath);
        stop.Dispose();
    }
}
