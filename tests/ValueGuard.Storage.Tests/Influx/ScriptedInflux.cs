using System.IO.Compression;
using System.Net;
using System.Text;

namespace ValueGuard.Storage.Tests.Influx;

/// <summary>An HTTP handler that answers from a script and records what the client sent (gzip undone).</summary>
internal sealed class ScriptedInflux : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> answers = new();

    public List<(HttpMethod Method, Uri Uri, string Body, HttpRequestMessage Request)> Requests { get; } = [];

    public ScriptedInflux Answer(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null)
    {
        answers.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public ScriptedInflux Fail()
    {
        answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = "";
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (request.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gzip.CopyToAsync(plain, cancellationToken);
                bytes = plain.ToArray();
            }
            body = Encoding.UTF8.GetString(bytes);
        }
        Requests.Add((request.Method, request.RequestUri!, body, request));
        Assert.True(answers.Count > 0, $"unexpected request {request.Method} {request.RequestUri}");
        return answers.Dequeue()();
    }
}
