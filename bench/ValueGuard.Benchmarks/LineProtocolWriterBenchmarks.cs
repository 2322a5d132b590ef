using BenchmarkDotNet.Attributes;
using ValueGuard.Core.Signals;
using ValueGuard.Storage.Influx;

namespace ValueGuard.Benchmarks;

/// <summary>One store batch (5,000 samples) into line protocol, with plain names and with names that need escaping.</summary>
[MemoryDiagnoser]
public class LineProtocolWriterBenchmarks
{
    private readonly LineProtocolWriter writer = new(LinePrecision.Nanoseconds, 1 << 20);
    private Sample[] samples = [];

    [Params(false, true)]
    public bool NamesNeedEscaping { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var device = NamesNeedEscaping ? "press line, hall=2" : "press-07";
        samples = [.. Enumerable.Range(0, 5000).Select(i => new Sample(new SignalId(device, "signal " + (i % 20)), t0.AddMilliseconds(i * 100), i * 0.25))];
    }

    [Benchmark]
    public int WriteBatch()
    {
        writer.Clear();
        foreach (var s in samples)
            writer.Measurement("samples").Tag("device", s.Signal.Device).Tag("signal", s.Signal.Signal).Field("value", s.Value).Timestamp(s.Timestamp);
        return writer.Written.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();
}
