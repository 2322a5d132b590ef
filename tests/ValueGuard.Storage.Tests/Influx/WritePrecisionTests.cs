using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.Storage.Influx;

namespace ValueGuard.Storage.Tests.Influx;

/// <summary>Each write names the coarsest precision that carries all its timestamps exactly.</summary>
public class WritePrecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Parts = new("m01", "parts");

    [Theory]
    [InlineData(new long[] { 0, 10_000_000 }, LinePrecision.Seconds)]
    [InlineData(new long[] { 0, 10_000_000, 10_000 }, LinePrecision.Milliseconds)]
    [InlineData(new long[] { 10_000, 10 }, LinePrecision.Microseconds)]
    [InlineData(new long[] { 10_000, 10, 1 }, LinePrecision.Nanoseconds)]
    [InlineData(new long[] { 1, 10_000_000 }, LinePrecision.Nanoseconds)]
    [InlineData(new long[0], LinePrecision.Seconds)]
    public void The_coarsest_exact_precision_is_chosen(long[] ticksAfterT0, LinePrecision expected)
    {
        var instants = ticksAfterT0.Select(t => T0.AddTicks(t)).ToList();

        Assert.Equal(expected, LinePrecisionExtensions.CoarsestExact(instants, i => i));
    }

    [Fact]
    public void Instants_before_the_epoch_are_judged_the_same_way()
    {
        var before = DateTimeOffset.UnixEpoch.AddMilliseconds(-1500);

        Assert.Equal(LinePrecision.Milliseconds, LinePrecisionExtensions.CoarsestExact([before], i => i));
        Assert.Equal(-1500, LinePrecision.Milliseconds.ToUnixTime(before));
    }

    [Fact]
    public async Task Whole_milliseconds_go_out_as_ms_and_finer_instants_as_ns()
    {
        using var influx = new ScriptedStore((HttpStatusCode.NoContent, ""), (HttpStatusCode.NoContent, ""));
        var store = influx.Store;

        await store.WriteAsync([new Sample(Parts, T0.AddMilliseconds(123), 1), new Sample(Parts, T0.AddSeconds(1), 2)], default);
        await store.WriteAsync([new Sample(Parts, T0.AddMilliseconds(123), 1), new Sample(Parts, T0.AddTicks(1), 2)], default);

        var writes = influx.Writes;
        Assert.Equal(["/write?db=plant&precision=ms", "/write?db=plant&precision=ns"], writes.Select(w => w.Uri.PathAndQuery));
        Assert.Equal("samples,device=m01 parts=1 1772323200123\nsamples,device=m01 parts=2 1772323201000\n", writes[0].Body);
        Assert.Equal("samples,device=m01 parts=1 1772323200123000000\nsamples,device=m01 parts=2 1772323200000000100\n", writes[1].Body);
    }
}
