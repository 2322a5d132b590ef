using System.Text;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Turns the byte stream of an ASCII device into samples: frames lines, checks the optional NMEA checksum,
/// decodes fields and converts the mapped ones. Every bad line is counted by its reason and skipped; the next
/// terminator resynchronises. Not thread-safe: one reader per serial line.
/// </summary>
public sealed class AsciiLineReader
{
    private readonly string device;
    private readonly AsciiLineOptions options;
    private readonly ILineDecoder decoder;
    private readonly IReadOnlyList<AsciiField>? fields;
    private readonly LineFramer framer;
    private readonly List<KeyValuePair<string, string>> decoded = [];
    private readonly List<Sample> lineSamples = [];
    private DateTimeOffset lastStamp = DateTimeOffset.MinValue;

    // fields: which fields become which signals; null makes every decoded field a signal of its own name.
    public AsciiLineReader(string device, AsciiLineOptions options, ILineDecoder decoder, IReadOnlyList<AsciiField>? fields = null)
    {
        this.device = device;
        this.options = options;
        this.decoder = decoder;
        this.fields = fields;
        framer = new LineFramer(options);
    }

    public AsciiLineCounters Counters { get; } = new();

    /// <summary>Forgets a partly received line (the serial line was opened again); counters are kept.</summary>
    public void Reset() => framer.Reset();

    /// <summary>
    /// Feeds what the line delivered; returns the samples of the lines it completed, stamped <paramref name="at"/>.
    /// Lines that complete in the same feed (a burst) get successive ticks after it, so stores keyed by time keep each.
    /// </summary>
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
        decoded.Clear();
        lineSamples.Clear();
        if (!decoder.TryDecode(Encoding.ASCII.GetString(line), decoded) || !Convert(at) || lineSamples.Count == 0)
        {
            Counters.Unmatched++;
            return;
        }
        Counters.Decoded++;
        var stamp = at > lastStamp ? at : lastStamp.AddTicks(1);
        lastStamp = stamp;
        foreach (var sample in lineSamples) samples.Add(sample with { Timestamp = stamp });
    }

    /// <summary>Converts the mapped fields of one line; a mapped field that is not a number fails the whole line.</summary>
    private bool Convert(DateTimeOffset at)
    {
        foreach (var (name, text) in decoded)
        {
            if (fields is null)
            {
                if (!new AsciiField(name, name).TryConvert(text, out var plain)) return false;
                lineSamples.Add(new Sample(new SignalId(device, name), at, plain));
                continue;
            }
            foreach (var field in fields)
            {
                if (field.Field != name) continue;
                if (!field.TryConvert(text, out var value)) return false;
                lineSamples.Add(new Sample(new SignalId(device, field.Signal), at, value));
            }
        }
        return true;
    }
}
