using System.Text;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;

namespace ValueGuard.IntegrationTests.Influx;

[Collection(InfluxCollection.Name)]
public sealed class InfluxDbClientAgainstInfluxTests(InfluxServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ping_reports_the_server_version()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);

        var version = await influx.Client.PingAsync(default);

        Assert.StartsWith("1.", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_write_stores_the_good_lines_and_names_the_bad_ones()
    {
        await using var influx = await InfluxTestStore.StartAsync(server, o => o with { BatchSize = 3 });
        var lines = "samples,device=a s=1 1000\nsamples,device=b s=x 2000\nsamples,device=c s=3 3000\nsamples,device=d s= 4000\nsamples,device=e s=5 5000\n";

        var result = await influx.Client.WriteAsync(Encoding.UTF8.GetBytes(lines), default);

        Assert.Equal([1, 3], result.Rejected.Select(r => r.Index));
        Assert.Contains("invalid boolean", result.Rejected[0].Reason, StringComparison.Ordinal);
        foreach (var device in new[] { "a", "c", "e" })
            Assert.Single(await influx.Store.ReadAsync(new SignalId(device, "s"), DateTimeOffset.UnixEpoch, T0, default));
    }

    [Fact]
    public async Task Chunked_queries_return_every_point_of_a_long_series_in_order()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var signal = new SignalId("press-07", "temperature");
        Sample[] samples = [.. Enumerable.Range(0, 25_000).Select(i => new Sample(signal, T0.AddSeconds(i), i))];
        await influx.Store.WriteAsync(samples, default);

        // InfluxDB 1.6 chunks at 10,000 points, so this answer arrives as at least three JSON objects.
        var series = await influx.Client.QueryAsync("SELECT temperature FROM samples", default).ToListAsync();

        Assert.True(series.Count >= 3, $"expected several chunks, got {series.Count}");
        Assert.Equal(samples.Select(s => (double)LinePrecision.Nanoseconds.ToUnixTime(s.Timestamp)), series.SelectMany(s => s.Values).Select(v => (double)v[0].GetInt64()));
    }

    [Fact]
    public async Task Concurrent_writers_all_get_their_samples_stored()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var writers = Enumerable.Range(0, 8).Select(w => new SignalId($"press-{w}", "running")).ToArray();

        await Task.WhenAll(writers.Select(signal => influx.Store.WriteAsync(
            [.. Enumerable.Range(0, 2_000).Select(i => new Sample(signal, T0.AddMilliseconds(i), i))], default)));

        foreach (var signal in writers)
            Assert.Equal(2_000, (await influx.Store.ReadAsync(signal, T0, T0.AddHours(1), default)).Count);
    }
}
