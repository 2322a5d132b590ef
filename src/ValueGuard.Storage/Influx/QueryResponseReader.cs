using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// Reads a <c>/query</c> response body. With <c>chunked=true</c> InfluxDB 1.x sends a stream of JSON
/// objects, one per line, each <c>{"results":[{"statement_id":0,"series":[…],"partial":true}]}</c>;
/// without it, one such object. Errors come as <c>{"error":…}</c> or per statement.
/// </summary>
internal static class QueryResponseReader
{
    public static async IAsyncEnumerable<InfluxSeries> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            foreach (var series in ReadChunk(line)) yield return series;
        }
    }

    private static List<InfluxSeries> ReadChunk(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var topError)) throw new InfluxException("InfluxDB query failed: " + topError.GetString());
        var found = new List<InfluxSeries>();
        if (!root.TryGetProperty("results", out var results)) return found;
        foreach (var result in results.EnumerateArray())
        {
            var statement = result.TryGetProperty("statement_id", out var id) ? id.GetInt32() : 0;
            if (result.TryGetProperty("error", out var error))
                throw new InfluxException($"InfluxDB query statement {statement} failed: {error.GetString()}");
            if (!result.TryGetProperty("series", out var seriesList)) continue;
            foreach (var series in seriesList.EnumerateArray()) found.Add(ReadSeries(statement, series));
        }
        return found;
    }

    private static InfluxSeries ReadSeries(int statement, JsonElement series)
    {
        var name = series.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("tags", out var tagObject))
            foreach (var tag in tagObject.EnumerateObject()) tags[tag.Name] = tag.Value.GetString() ?? "";
        var columns = series.TryGetProperty("columns", out var c) ? c.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
        var rows = new List<JsonElement[]>();
        if (series.TryGetProperty("values", out var values))
            foreach (var row in values.EnumerateArray()) rows.Add([.. row.EnumerateArray().Select(e => e.Clone())]);
        return new InfluxSeries(statement, name, tags, columns, rows);
    }
}
