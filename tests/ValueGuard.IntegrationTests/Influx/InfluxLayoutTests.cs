using System.Text.Json;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>
/// The layout in a real InfluxDB: a point per device and instant with a field per signal, a series per device, each
/// signal read back on its own; names InfluxDB reserves for itself are refused and counted, not silently dropped.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxLayoutTests(InfluxServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_samples_of_a_device_at_one_instant_share_a_point_and_each_signal_reads_back_alone()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        Sample S(string device, string signal, int second, double value) => new(new SignalId(device, signal), T0.AddSeconds(second), value);
        Sample[] batch =
        [
            S("m01", "running", 0, 1), S("m01", "temp_c", 0, 20.5), S("m01", "parts", 0, 10), // one message
            S("m02", "running", 0, 0), S("m02", "parts", 0, 7),
            S("m01", "parts", 1, 11),
            S("m01", "parts", 1, 12), // the same signal again at the same instant (a replay): the later value wins
            S("m01", "temp_c", 1, 21), // the same device and instant, not adjacent: joins the existing point
        ];

        await influx.Store.WriteAsync(batch, default);

        Assert.Equal([(T0, 10.0), (T0.AddSeconds(1), 12.0)], await Read(influx, "m01", "parts"));
        Assert.Equal([(T0, 20.5), (T0.AddSeconds(1), 21.0)], await Read(influx, "m01", "temp_c"));
        Assert.Equal([(T0, 1.0)], await Read(influx, "m01", "running"));
        Assert.Equal([(T0, 7.0)], await Read(influx, "m02", "parts"));
        Assert.Empty(await Read(influx, "m02", "temp_c"));
        Assert.Equal(T0, await influx.Store.FirstTimestampAsync(new SignalId("m01", "temp_c"), default));
        Assert.Null(await influx.Store.FirstTimestampAsync(new SignalId("m02", "temp_c"), default));
        Assert.Equal(3, await influx.Store.CountAsync("parts", default));
        Assert.Equal(7, await influx.Store.CountAsync(null, default));
        Assert.Equal(2, await CountSeries(influx)); // one per device, not one per signal
        Assert.Equal(0, influx.Store.RejectedSamples);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("device")]
    public async Task A_signal_named_like_a_name_influxdb_reserves_is_refused_and_counted_and_the_rest_is_stored(string name)
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var reserved = new SignalId("m01", name);
        var parts = new SignalId("m01", "parts");

        await influx.Store.WriteAsync([new Sample(parts, T0, 1), new Sample(reserved, T0, 5), new Sample(parts, T0.AddSeconds(1), 2)], default);

        Assert.Equal(1, influx.Store.RejectedSamples);
        Assert.False(InfluxTimeSeriesStore.CanStore(reserved));
        Assert.Empty(await influx.Store.ReadAsync(reserved, T0, T0.AddHours(1), default));
        Assert.Equal([(T0, 1.0), (T0.AddSeconds(1), 2.0)], await Read(influx, "m01", "parts"));
    }

    private static async Task<List<(DateTimeOffset, double)>> Read(InfluxTestStore influx, string device, string signal) =>
        [.. (await influx.Store.ReadAsync(new SignalId(device, signal), T0, T0.AddHours(1), default)).Select(s => (s.Timestamp, s.Value))];

    private static async Task<int> CountSeries(InfluxTestStore influx)
    {
        var count = 0;
        await foreach (var series in influx.Client.QueryAsync("SHOW SERIES FROM \"samples\"", default))
            count += series.Values.Count(row => row[0].ValueKind == JsonValueKind.String);
        return count;
    }
}
