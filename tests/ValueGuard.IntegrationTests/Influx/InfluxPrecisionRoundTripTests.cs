using CsCheck;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>
/// Writes name the coarsest exact precision (s, ms, µs or ns) per batch; whatever the mix, a real InfluxDB gives
/// every instant back to the 100 ns tick.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxPrecisionRoundTripTests(InfluxServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Offsets that are whole seconds, milliseconds, microseconds or single ticks, in any mix.
    private static readonly Gen<long> Offsets = Gen.OneOf(
        Gen.Long[0, 3_600].Select(s => s * TimeSpan.TicksPerSecond),
        Gen.Long[0, 3_600_000].Select(ms => ms * TimeSpan.TicksPerMillisecond),
        Gen.Long[0, 3_600_000_000].Select(us => us * 10),
        Gen.Long[0, 36_000_000_000]);

    [Fact]
    public async Task Every_instant_comes_back_to_the_tick_whatever_precision_its_batch_was_written_in()
    {
        await using var influx = await InfluxTestStore.StartAsync(server);
        var batch = 0;

        await Offsets.Array[1, 20].SampleAsync(async offsets =>
        {
            // A signal per batch, so batches cannot overwrite each other's points.
            var signal = new SignalId("m01", $"s{Interlocked.Increment(ref batch)}");
            var samples = offsets.Distinct().Select((o, i) => new Sample(signal, T0.AddTicks(o), i)).OrderBy(s => s.Timestamp).ToList();

            await influx.Store.WriteAsync(samples, default);
            var read = await influx.Store.ReadAsync(signal, T0, T0.AddHours(2), default);

            Assert.Equal(samples.Select(s => (s.Timestamp, s.Value)), read.Select(s => (s.Timestamp, s.Value)));
        }, iter: 60);
    }
}
