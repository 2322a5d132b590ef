using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace ValueGuard.EdgeHub.Workload;

/// <summary>
/// Talks to the IoT Edge daemon's workload API: plain HTTP/1.1, over a Unix socket for <c>unix://</c> URIs.
/// Signs for this module (the daemon holds the key) and serves the trust bundle that roots edgeHub's
/// certificate. Answers of 500 and above, and connections the daemon closes without a reply (it does so
/// past 10 concurrent requests), are retried with back-off.
/// </summary>
public sealed class WorkloadApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly string apiVersion;
    private readonly IReadOnlyList<TimeSpan> retryDelays;

    public WorkloadApiClient(Uri workloadUri, string apiVersion, IReadOnlyList<TimeSpan>? retryDelays = null)
    {
        this.apiVersion = apiVersion;
        this.retryDelays = retryDelays ?? [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30)];
        if (workloadUri.Scheme == "unix")
        {
            var socketPath = workloadUri.AbsolutePath;
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            // The Host header is not significant; the C# SDK uses the socket file's name.
            http = new HttpClient(handler) { BaseAddress = new Uri($"http://{Path.GetFileName(socketPath)}") };
        }
        else
        {
            http = new HttpClient { BaseAddress = workloadUri };
        }
        http.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>POST /modules/{module}/genid/{gen}/sign: returns the base64 HMAC-SHA256 digest of <paramref name="data"/>.</summary>
    public async Task<string> SignAsync(string moduleId, string generationId, byte[] data, CancellationToken ct)
    {
        var path = $"modules/{Uri.EscapeDataString(moduleId)}/genid/{Uri.EscapeDataString(generationId)}/sign?api-version={Uri.EscapeDataString(apiVersion)}";
        var request = new SignRequest("primary", "HMACSHA256", Convert.ToBase64String(data));
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
        {
            // A string body has a Content-Length; a streamed JSON body would go chunked.
            Content = new StringContent(JsonSerializer.Serialize(request, WorkloadJsonContext.Default.SignRequest), Encoding.UTF8, "application/json"),
        }, ct).ConfigureAwait(false);
        var body = await ReadAsync(answer, WorkloadJsonContext.Default.SignResponse, ct).ConfigureAwait(false);
        return body.Digest is { Length: > 0 } digest ? digest : throw new WorkloadApiException("the workload API's sign answer has no digest", answer.StatusCode);
    }

    /// <summary>GET /trust-bundle: the roots for edgeHub's server certificate.</summary>
    public async Task<X509Certificate2Collection> GetTrustBundleAsync(CancellationToken ct)
    {
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"trust-bundle?api-version={Uri.EscapeDataString(apiVersion)}"), ct).ConfigureAwait(false);
        var body = await ReadAsync(answer, WorkloadJsonContext.Default.TrustBundleResponse, ct).ConfigureAwait(false);
        return TrustBundle.Parse(body.Certificate ?? throw new WorkloadApiException("the workload API's trust bundle has no certificate", answer.StatusCode));
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage? answer = null;
            try
            {
                using var message = request();
                answer = await http.SendAsync(message, ct).ConfigureAwait(false);
                if ((int)answer.StatusCode < 500 || attempt >= retryDelays.Count) return answer;
            }
            catch (HttpRequestException) when (attempt < retryDelays.Count)
            {
                // The daemon closes excess connections with no reply: try again after the delay.
            }
            answer?.Dispose();
            await Task.Delay(retryDelays[attempt], ct).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
    {
        using (answer)
        {
            if (!answer.IsSuccessStatusCode)
            {
                ErrorResponse? error = null;
                try { error = await answer.Content.ReadFromJsonAsync(WorkloadJsonContext.Default.ErrorResponse, ct).ConfigureAwait(false); }
                catch (System.Text.Json.JsonException) { }
                throw new WorkloadApiException($"the workload API answered {(int)answer.StatusCode}: {error?.Message ?? answer.ReasonPhrase}", answer.StatusCode);
            }
            return await answer.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false)
                ?? throw new WorkloadApiException("the workload API sent an empty answer", answer.StatusCode);
        }
    }

    public void Dispose() => http.Dispose();

    internal sealed record SignRequest(
        [property: JsonPropertyName("keyId")] string KeyId,
        [property: JsonPropertyName("algo")] string Algo,
        [property: JsonPropertyName("data")] string Data);

    internal sealed record SignResponse([property: JsonPropertyName("digest")] string? Digest);

    internal sealed record TrustBundleResponse([property: JsonPropertyName("certificate")] string? Certificate);

    internal sealed record ErrorResponse([property: JsonPropertyName("message")] string? Message);
}

[JsonSerializable(typeof(WorkloadApiClient.SignRequest))]
[JsonSerializable(typeof(WorkloadApiClient.SignResponse))]
[JsonSerializable(typeof(WorkloadApiClient.TrustBundleResponse))]
[JsonSerializable(typeof(WorkloadApiClient.ErrorResponse))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
