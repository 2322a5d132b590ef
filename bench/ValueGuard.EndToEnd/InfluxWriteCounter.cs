using System.Text.Json;

namespace ValueGuard.EndToEnd;

/// <summary>
/// InfluxDB 1.x's own count of points it has accepted over HTTP (<c>pointsWrittenOK</c> in <c>/debug/vars</c>).
/// Reading it costs influxd about 2 ms of CPU; a <c>SELECT COUNT</c> over 200,000 points costs it about 100 ms,
/// and (3) used to poll that four times a second on the same two cores as the system it measured.
/// </summary>
internal sealed class InfluxWriteCounter(Uri influx) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = influx, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Points accepted since influxd started, or null when this InfluxDB does not publish the figure.</summary>
    public async Task<long?> PointsWrittenAsync()
    {
        using var response = await http.GetAsync("debug/vars");
        if (!response.IsSuccessStatusCode) return null;
        await using var body = await response.Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(body);
        long? total = null;
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (!property.Name.StartsWith("httpd", StringComparison.Ordinal)) continue;
            if (property.Value.TryGetProperty("values", out var values) && values.TryGetProperty("pointsWrittenOK", out var ok))
                total = (total ?? 0) + ok.GetInt64();
        }
        return total;
    }

    public void Dispose() => http.Dispose();
}
