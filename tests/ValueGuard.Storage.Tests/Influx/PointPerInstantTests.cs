using System.Net;
using ValueGuard.Core.Signals;
using ValueGuard.Storage.Influx;

namespace ValueGuard.Storage.Tests.Influx;

/// <summary>The store writes a device's samples of one instant as one point, a field per signal.</summary>
public class PointPerInstantTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Sample S(string device, string signal, int second, double value) => new(new SignalId(device, signal), T0.AddSeconds(second), value);

    [Fact]
    public async Task Runs_of_one_device_and_instant_become_one_line_and_a_repeated_signal_starts_the_next()
    {
        using var influx = new ScriptedStore((HttpStatusCode.NoContent, ""));

        await influx.Store.WriteAsync([
            S("m01", "running", 0, 1), S("m01", "temp c", 0, 20.5), S("m01", "parts", 0, 10),
            S("m02", "parts", 0, 7),
            S("m01", "parts", 0, 11),
            S("m01", "parts", 1, 12),
        ], default);

        var body = Assert.Single(influx.Writes).Body;
        Assert.Equal("""
            samples,device=m01 running=1,temp\ c=20.5,parts=10 1772323200
            samples,device=m02 parts=7 1772323200
            samples,device=m01 parts=11 1772323200
            samples,device=m01 parts=12 1772323201

            """.ReplaceLineEndings("\n"), body);
    }

    [Fact]
    public async Task Every_sample_of_a_refused_line_is_counted_and_unstorable_ones_never_reach_a_line()
    {
        // InfluxDB refuses the second line (as it would a field type conflict it can name).
        using var influx = new ScriptedStore((HttpStatusCode.BadRequest,
            """{"error":"partial write: unable to parse 'samples,device=m02 parts=7,speed=3 1772323200': invalid field format dropped=0"}"""));

        await influx.Store.WriteAsync([
            S("m01", "parts", 0, 10), S("m01", "time", 0, 1), S("m01", "speed", 0, double.NaN),
            S("m02", "parts", 0, 7), S("m02", "speed", 0, 3),
        ], default);

        Assert.Equal(4, influx.Store.RejectedSamples); // "time" and NaN before sending, then both samples of the refused line
    }
}
