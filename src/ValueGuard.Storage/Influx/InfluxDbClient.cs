using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// A small client for InfluxDB's v1 HTTP API (<c>/write</c>, <c>/query</c>, <c>/ping</c>), which 1.x serves
/// natively and 2.x/3.x serve for compatibility. Writes go in batches, gzipped, retried with backoff on
/// 429, 5xx and network errors; a 400 is never retried: the lines InfluxDB refused are reported instead.
/// </summary>
public sealed partial class InfluxDbClient : IDisposable
{
    private readonly InfluxDbOptions options;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;
    private readonly SemaphoreSlim inFlight;
    private readonly Dictionary<LinePrecision, Uri> writeUris;

    public InfluxDbClient(InfluxDbOptions options, TimeProvider time, ILogger<InfluxDbClient> logger, HttpMessageHandler? handler = null)
    {
        options.ThrowIfInvalid();
        this.options = options;
        this.time = time;
        this.logger = logger;
        // Timeouts come from the retry pipeline (per attempt), so the HttpClient itself never gives up first.
        http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        inFlight = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        retry = BuildRetry();
        writeUris = Enum.GetValues<LinePrecision>().ToDictionary(p => p, WriteEndpoint);
    }

    private Uri WriteEndpoint(LinePrecision precision)
    {
        var write = new List<KeyValuePair<string, string>> { new("db", options.Database), new("precision", precision.QueryValue()) };
        if (options.RetentionPolicy is not null) write.Add(new("rp", options.RetentionPolicy));
        return Endpoint("write", write);
    }

    public InfluxDbOptions Options => options;

    /// <summary>Writes newline-separated line protocol in batches of <see cref="InfluxDbOptions.BatchSize"/> lines.</summary>
    public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancellationToken) =>
        WriteAsync(lineProtocol, options.Precision, cancellationToken);

    /// <summary>Writes line protocol whose timestamps are in <paramref name="precision"/>, whatever the options say.</summary>
    public async Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> lineProtocol, LinePrecision precision, CancellationToken cancellationToken)
    {
        var writeUri = writeUris[precision];
        var result = InfluxWriteResult.Empty;
        var firstLine = 0;
        while (!lineProtocol.IsEmpty)
        {
            var (length, lines) = TakeLines(lineProtocol.Span, options.BatchSize);
            result = result.Add(await WriteBatchAsync(writeUri, lineProtocol[..length], lines, firstLine, cancellationToken).ConfigureAwait(false));
            lineProtocol = lineProtocol[length..];
            firstLine += lines;
        }
        return result;
    }

    /// <summary>Runs InfluxQL and streams the series back as InfluxDB sends them (chunked), times in ns since the epoch.</summary>
    public async IAsyncEnumerable<InfluxSeries> QueryAsync(string influxQl, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var uri = Endpoint("query", [new("db", options.Database), new("epoch", "ns"), new("chunked", "true"), new("q", influxQl)]);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await Refused("query", response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var series in QueryResponseReader.ReadAsync(body, cancellationToken).ConfigureAwait(false))
            yield return series;
    }

    /// <summary>Runs InfluxQL that changes something (CREATE DATABASE, DROP SERIES …) with POST, as InfluxDB requires.</summary>
    public async Task ExecuteAsync(string influxQl, CancellationToken cancellationToken)
    {
        var uri = Endpoint("query", [new("db", options.Database)]);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent([new("q", influxQl)]) },
            HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await Refused("command", response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var _ in QueryResponseReader.ReadAsync(body, cancellationToken).ConfigureAwait(false)) { }
    }

    /// <summary>Checks InfluxDB answers <c>/ping</c> (one attempt, no retries) and returns the version it reports.</summary>
    public async Task<string> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint("ping", []));
        Authorize(request);
        try
        {
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NoContent) throw await Refused("ping", response, cancellationToken).ConfigureAwait(false);
            return response.Headers.TryGetValues("X-Influxdb-Version", out var versions) ? versions.First() : "";
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new InfluxException($"InfluxDB at {options.BaseAddress} does not answer /ping: {ex.Message}", null, ex);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        inFlight.Dispose();
    }

    private async Task<InfluxWriteResult> WriteBatchAsync(Uri writeUri, ReadOnlyMemory<byte> batch, int lines, int firstLine, CancellationToken cancellationToken)
    {
        var body = options.Gzip ? Gzip(batch.Span) : batch;
        using var response = await SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            if (options.Gzip) content.Headers.ContentEncoding.Add("gzip");
            return new HttpRequestMessage(HttpMethod.Post, writeUri) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return new InfluxWriteResult(lines, [], 0);
        if (response.StatusCode != HttpStatusCode.BadRequest) throw await Refused("write", response, cancellationToken).ConfigureAwait(false);

        var error = ErrorText(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var sent = Encoding.UTF8.GetString(batch.Span).Split('\n');
        var result = WriteErrorReport.Read(error, [.. sent.Take(lines)], firstLine);
        foreach (var rejected in result.Rejected.Take(10)) LogLineRejected(rejected.Index, rejected.Reason, rejected.Line);
        LogWriteIncomplete(lines, result.Rejected.Count, result.DroppedPoints, error.Length > 500 ? error[..500] : error);
        return result;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await retry.ExecuteAsync(async token =>
            {
                using var request = create();
                Authorize(request);
                return await http.SendAsync(request, completion, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            throw new InfluxException($"InfluxDB at {options.BaseAddress} is unreachable after {options.MaxRetries + 1} attempts: {ex.Message}", null, ex);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildRetry() =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = async args =>
                {
                    var reason = args.Outcome.Exception?.Message
                        ?? $"{(int)args.Outcome.Result!.StatusCode} {ErrorText(await args.Outcome.Result.Content.ReadAsStringAsync(args.Context.CancellationToken).ConfigureAwait(false))}";
                    LogRetrying(args.AttemptNumber + 1, args.RetryDelay, reason);
                },
            })
            .AddTimeout(options.Timeout)
            .Build();

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null) return null;
        var delay = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        return delay > options.MaxRetryAfter ? options.MaxRetryAfter : delay;
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (options.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Token", options.Token);
    }

    private Uri Endpoint(string path, List<KeyValuePair<string, string>> query)
    {
        if (options.Username is not null)
        {
            query.Add(new("u", options.Username));
            if (options.Password is not null) query.Add(new("p", options.Password));
        }
        var text = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var baseText = options.BaseAddress.ToString().TrimEnd('/');
        return new Uri(text.Length == 0 ? $"{baseText}/{path}" : $"{baseText}/{path}?{text}");
    }

    private async Task<InfluxException> Refused(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = ErrorText(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return new InfluxException($"InfluxDB refused the {what}: {(int)response.StatusCode} {response.ReasonPhrase}: {error}", response.StatusCode);
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
                return error.GetString() ?? body;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the raw text is the best report.
        }
        return body.Trim();
    }

    private static (int Length, int Lines) TakeLines(ReadOnlySpan<byte> text, int maxLines)
    {
        var length = 0;
        for (var lines = 0; lines < maxLines; lines++)
        {
            var end = text[length..].IndexOf((byte)'\n');
            if (end < 0) return (text.Length, lines + 1);
            length += end + 1;
            if (length == text.Length) return (length, lines + 1);
        }
        return (length, maxLines);
    }

    private static ReadOnlyMemory<byte> Gzip(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    [LoggerMessage(EventId = 4001, EventName = "InfluxRetrying", Level = LogLevel.Warning,
        Message = "InfluxDB request failed, attempt {Attempt} follows in {Delay}: {Reason}")]
    private partial void LogRetrying(int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 4002, EventName = "InfluxLineRejected", Level = LogLevel.Error,
        Message = "InfluxDB rejected line {LineIndex} ({Reason}): {Line}")]
    private partial void LogLineRejected(int lineIndex, string reason, string line);

    [LoggerMessage(EventId = 4003, EventName = "InfluxWriteIncomplete", Level = LogLevel.Error,
        Message = "InfluxDB stored only part of a batch of {LineCount} lines: {RejectedCount} rejected, {DroppedCount} dropped: {Error}")]
    private partial void LogWriteIncomplete(int lineCount, int rejectedCount, int droppedCount, string error);
}
