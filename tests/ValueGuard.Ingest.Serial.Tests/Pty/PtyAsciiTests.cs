using System.Text;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Ascii;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>An ASCII device writing NMEA-checksummed lines with faults into a socat pty pair (needs socat).</summary>
public sealed class PtyAsciiTests : PtyTest
{
    [Fact]
    public async Task Lines_from_a_pty_are_decoded_and_faulty_lines_counted()
    {
        using var device = Port(Pty.A);
        using var gateway = Port(Pty.B);
        var reader = new AsciiLineReader("flow-1", new AsciiLineOptions { NmeaChecksum = true, Terminator = "\r\n", MaxLineLength = 64 },
            new RegexLineDecoder(@"^FLOW,(?<flow>\d+\.\d+),(?<total>\d+)$"));
        var samples = new List<Sample>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(() =>
        {
            var buffer = new byte[256];
            while (!stop.IsCancellationRequested)
            {
                var read = gateway.Read(buffer, TimeSpan.FromMilliseconds(20));
                var decoded = reader.Feed(buffer.AsSpan(0, read), DateTimeOffset.UnixEpoch);
                lock (samples) samples.AddRange(decoded);
            }
        });

        var text = new StringBuilder();
        for (var i = 1; i <= 50; i++)
        {
            var line = NmeaChecksum.Seal($"$FLOW,{i}.5,{1000 + i}");
            text.Append(i switch
            {
                10 => line.Replace(".5", ".6", StringComparison.Ordinal),   // bad checksum
                20 => line[..8],                                           // truncated: the device restarted mid-line
                30 => new string('#', 200),                                // terminator lost in a burst
                _ => line,
            }).Append("\r\n");
        }
        device.Write(Encoding.ASCII.GetBytes(text.ToString()));

        await Eventually.WaitFor(() => reader.Counters.Decoded == 47, "47 good lines", seconds: 10);
        await stop.CancelAsync();
        await reading;

        lock (samples)
        {
            Assert.Equal(94, samples.Count);
            Assert.Equal(Enumerable.Range(1, 50).Where(i => i is not (10 or 20 or 30)).Select(i => i + 0.5),
                samples.Where(s => s.Signal.Signal == "flow").Select(s => s.Value));
        }
        Assert.Equal(2, reader.Counters.BadChecksum); // the tampered line and the truncated one (its checksum is cut off)
        Assert.Equal(1, reader.Counters.Overlong);
    }
}
