using System.Text;
using CsCheck;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Ascii;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>
/// ASCII line devices against random bytes, random line splits, overlong lines and bad NMEA checksums: no exception,
/// the result does not depend on how the serial line chunked the bytes, and every bad line is counted.
/// </summary>
public sealed class AsciiLineFuzzTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AsciiLineOptions Nmea = new() { NmeaChecksum = true, MaxLineLength = 80 };

    private static AsciiLineReader Reader(AsciiLineOptions options) => new("scale-1", options, new KeyValueLineDecoder());

    // Bytes weighted toward what lines are made of: terminators, '$', '*', '=', separators, digits, hex, noise.
    private static readonly Gen<byte[]> LineBytes = Gen.Frequency(
            (4, Gen.Byte[(byte)'0', (byte)'9']), (3, Gen.Byte[(byte)'a', (byte)'z']), (2, Gen.OneOf<byte>((byte)'\n', (byte)'\r', (byte)'$', (byte)'*', (byte)'=', (byte)',', (byte)' ')),
            (1, Gen.Byte))
        .Array[0, 1500];

    private static (List<Sample> Samples, long[] Counters) FeedInChunks(AsciiLineOptions options, byte[] bytes, int[] cuts)
    {
        var reader = Reader(options);
        var samples = new List<Sample>();
        var at = 0;
        foreach (var cut in cuts.Select(c => c % (bytes.Length + 1)).Order().Append(bytes.Length))
        {
            if (cut < at) continue;
            samples.AddRange(reader.Feed(bytes.AsSpan(at, cut - at), At));
            at = cut;
        }
        var c = reader.Counters;
        return (samples, [c.Decoded, c.Garbage, c.Overlong, c.BadChecksum, c.Unmatched]);
    }

    [Fact]
    public void Random_bytes_give_the_same_samples_and_counts_however_the_line_chunks_them()
    {
        Gen.Select(LineBytes, Gen.Int[0, 1 << 20].Array[0, 30], Gen.Bool).Sample((bytes, cuts, nmea) =>
        {
            var options = nmea ? Nmea : new AsciiLineOptions { MaxLineLength = 80 };
            var whole = FeedInChunks(options, bytes, []);
            var chunked = FeedInChunks(options, bytes, cuts);

            Assert.Equal(whole.Counters, chunked.Counters);
            Assert.Equal(whole.Samples.Select(s => (s.Signal, s.Value)), chunked.Samples.Select(s => (s.Signal, s.Value)));
            var lines = bytes.Count(b => b == (byte)'\n');
            var counted = whole.Counters[0] + whole.Counters[1] + whole.Counters[3] + whole.Counters[4];
            Assert.True(counted <= lines, $"{counted} lines counted of {lines} terminated");
            Assert.All(whole.Samples, s => Assert.True(double.IsFinite(s.Value)));
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void A_sealed_NMEA_sentence_passes_and_any_changed_character_fails_its_checksum()
    {
        var body = Gen.Char[' ', '~'].Where(c => c is not ('*' or '$')).Array[1, 70].Select(cs => new string(cs));
        Gen.Select(body, Gen.Int[0, 1000], Gen.Char[' ', '~']).Sample((text, at, replacement) =>
        {
            var sealedLine = NmeaChecksum.Seal("$" + text);
            Assert.True(NmeaChecksum.TryStrip(Encoding.ASCII.GetBytes(sealedLine), out var stripped));
            Assert.Equal(text, Encoding.ASCII.GetString(stripped));

            var i = 1 + at % text.Length;
            if (replacement == sealedLine[i] || replacement is '*' or '$') return;
            var changed = sealedLine[..i] + replacement + sealedLine[(i + 1)..];
            Assert.False(NmeaChecksum.TryStrip(Encoding.ASCII.GetBytes(changed), out _), $"{changed} passed its checksum");
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Bad_checksums_overlong_lines_and_garbage_are_counted_and_the_good_line_after_them_is_read()
    {
        var reader = Reader(Nmea);
        var good = NmeaChecksum.Seal("$weight=12.5");
        var input = string.Join('\n',
            "$weight=1.0*00",                    // wrong checksum
            "weight=2.0",                        // no checksum at all
            "$" + new string('9', 10_000),       // overlong
            "$weight=\u0001" + "*00",            // a control character
            good) + "\n";

        var samples = reader.Feed(Encoding.Latin1.GetBytes(input), At);

        Assert.Equal([12.5], samples.Select(s => s.Value));
        Assert.Equal(2, reader.Counters.BadChecksum);
        Assert.Equal(1, reader.Counters.Overlong);
        Assert.Equal(1, reader.Counters.Garbage);
        Assert.Equal(1, reader.Counters.Decoded);
    }
}
