using System.Text.Json;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// One series (or one chunk of a series) from an InfluxQL result: its measurement name, tags, column
/// names and rows. With <c>chunked=true</c> a long series arrives as several of these, in order.
/// </summary>
public sealed record InfluxSeries(
    int StatementId,
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<JsonElement[]> Values);
