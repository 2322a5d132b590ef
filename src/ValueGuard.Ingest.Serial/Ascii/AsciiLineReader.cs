using System.Text;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Turns the byte stream of an ASCII device into samples: frames lines, checks the optional NMEA checksum,
/// decodes fields. Every bad line is counted by its reason and skipped; the next terminator resynchronises.
/// Not thread-safe: one reader per serial line.
/// </summary>
public sealed class AsciiLineReader
{
    private readonly string device;
    private readonly AsciiLineOptions options;
    private readonly ILineDecoder decoder;
    private readonly LineFramer framer;
    private readonly List<KeyValuePair<string, double>> values = [];

    public AsciiLineReader(string device, AsciiLineOptions options, ILineDecoder decoder)
    {
        this.device = device;
        this.options = options;
        this.decoder = decoder;
        framer = new LineFramer(options);
    }

    public AsciiLineCounters Counters { get; } = new();

    /// <summary>Feeds what the line delivered; returns the samples of the lines it completed, stamped <paramref name="at"/>.</summary>
    public IReadOnlyList<Sample> Feed(ReadOnlySpan<byte> bytes, DateTimeOffset at)
    {
        var samples = new List<Sample>();
        framer.Feed(bytes, line => Decode(line, at, samples));
        Counters.Overlong = framer.Overlong;
        return samples;
    }

    private void Decode(ReadOnlySpan<byte> line, DateTimeOffset at, List<Sample> samples)
    {
        if (line.IsEmpty) return;
        foreach (var b in line)
        {
            if (b is < 0x20 or > 0x7E && b != (byte)'\t')
            {
                Counters.Garbage++;
                return;
            }
        }
        if (options.NmeaChecksum && !NmeaChecksum.TryStrip(line, out line))
        {
            Counters.BadChecksum++;
            return;
        }
        values.Clear();
        if (!decoder.TryDecode(Encoding.ASCII.GetString(line), values))
        {
            Counters.Unmatched++;
            return;
        }
        Counters.Decoded++;
        foreach (var (signal, value) in values) samples.Add(new Sample(new SignalId(device, signal), at, value));
    }
}
