using CsCheck;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>Property: device and signal names of any shape survive line protocol into a real InfluxDB and InfluxQL out again.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxNameRoundTripTests(InfluxServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Weighted toward the characters line protocol and InfluxQL escape, plus unicode and control characters.
    private static readonly Gen<string> Names = Gen.Frequency(
            (5, Gen.Char[",= \"'\\"].Select(c => c.ToString())),
            (4, Gen.Char['a', 'z'].Select(c => c.ToString())),
            (2, Gen.Char['\u00C0', '\u07FF'].Select(c => c.ToString())),
            (1, Gen.Char['\u4E00', '\u9FFF'].Select(c => c.ToString())),
            (1, Gen.Char["\t\u0001#/{}()[]*%&$.;:-_"].Select(c => c.ToString())),
            (1, Gen.OneOf("😀", "Ä", "\u00A0")))
        .Array[1, 12]
        .Select(parts => string.Concat(parts));

    [Fact]
    public async Task Any_device_and_signal_name_comes_back_unchanged_or_is_refused_before_sending()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var tick = 0;

        await Gen.Select(Names, Names, Gen.Double[-1e12, 1e12]).SampleAsync(async (device, signal, value) =>
        {
            var id = new SignalId(device, signal);
            var at = T0.AddTicks(Interlocked.Increment(ref tick));
            var rejectedBefore = influx.Store.RejectedSamples;

            await influx.Store.WriteAsync([new Sample(id, at, value)], default);
            var read = await influx.Store.ReadAsync(id, at, at.AddTicks(1), default);

            if (InfluxTimeSeriesStore.CanStore(id))
            {
                Assert.Equal(new Sample(id, at, value), Assert.Single(read));
                Assert.Equal(rejectedBefore, influx.Store.RejectedSamples);
            }
            else
            {
                Assert.Empty(read);
                Assert.Equal(rejectedBefore + 1, influx.Store.RejectedSamples);
            }
        }, iter: 100, threads: 1);
    }

    [Fact]
    public async Task Names_ending_in_a_backslash_are_refused_and_the_rest_of_the_batch_is_stored()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var good = new SignalId("press\\07", "run\\ning");
        var bad = new SignalId("press-07\\", "running");

        await influx.Store.WriteAsync([new Sample(bad, T0, 1), new Sample(good, T0, 2)], default);

        Assert.Equal(2.0, Assert.Single(await influx.Store.ReadAsync(good, T0, T0.AddSeconds(1), default)).Value);
        Assert.Equal(1, influx.Store.RejectedSamples);
    }
}
