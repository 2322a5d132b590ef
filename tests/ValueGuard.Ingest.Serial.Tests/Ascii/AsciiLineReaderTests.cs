using System.Globalization;
using System.Text;
using CsCheck;
using ValueGuard.Ingest.Serial.Ascii;

namespace ValueGuard.Ingest.Serial.Tests.Ascii;

public sealed class AsciiLineReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RegexLineDecoder Scale = new(@"^ST,GS,\s*(?<weight>[-+]?\d+(\.\d+)?)kg$");

    [Fact]
    public void Nmea_checksum_of_the_textbook_GGA_sentence_is_47()
    {
        var line = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"u8;

        Assert.True(NmeaChecksum.TryStrip(line, out var body));
        Assert.Equal(0x47, NmeaChecksum.Compute(body));
    }

    [Fact]
    public void Lines_decode_the_same_however_the_line_splits_the_bytes()
    {
        Gen.Select(Gen.Double[-1000, 1000].Array[1, 20], Gen.Int[1, 40]).Sample((weights, chunk) =>
        {
            var printed = weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)).ToArray();
            var text = string.Concat(printed.Select(w => $"ST,GS,{w}kg\r\n"));
            var reader = new AsciiLineReader("scale-1", new AsciiLineOptions(), Scale);
            var samples = Encoding.ASCII.GetBytes(text).Chunk(chunk).SelectMany(c => reader.Feed(c, At)).ToList();

            Assert.Equal(printed.Select(w => double.Parse(w, CultureInfo.InvariantCulture)), samples.Select(s => s.Value));
            Assert.All(samples, s => Assert.Equal("scale-1/weight", s.Signal.ToString()));
        });
    }

    [Fact]
    public void Garbage_overlong_and_truncated_lines_are_counted_and_the_next_line_is_read()
    {
        var reader = new AsciiLineReader("scale-1", new AsciiLineOptions { MaxLineLength = 32 }, Scale);
        byte[] noise = [0x00, 0xFF, 0x13, (byte)'S', 0x80];
        var stream = Encoding.ASCII.GetBytes("ST,GS,   1.5kg\n")
            .Concat(noise).Concat("\n"u8.ToArray())
            .Concat(Encoding.ASCII.GetBytes(new string('9', 100) + "\n"))
            .Concat(Encoding.ASCII.GetBytes("ST,GS,  2\n"))
            .Concat(Encoding.ASCII.GetBytes("ST,GS,   3.25kg\n")).ToArray();

        var samples = reader.Feed(stream, At);

        Assert.Equal([1.5, 3.25], samples.Select(s => s.Value));
        Assert.Equal(1, reader.Counters.Garbage);
        Assert.Equal(1, reader.Counters.Overlong);
        Assert.Equal(1, reader.Counters.Unmatched);
        Assert.Equal(2, reader.Counters.Decoded);
    }

    [Fact]
    public void Bad_or_missing_checksums_are_counted_and_skipped()
    {
        var reader = new AsciiLineReader("oven-3", new AsciiLineOptions { NmeaChecksum = true, Terminator = "\r\n" }, new KeyValueLineDecoder(),
            [new AsciiField("T", "temperature"), new AsciiField("RUN", "running")]);
        var good = NmeaChecksum.Seal("$T=180.5,RUN=1");
        var tampered = good.Replace("180.5", "181.5", StringComparison.Ordinal);

        var samples = reader.Feed(Encoding.ASCII.GetBytes($"{good}\r\n{tampered}\r\n$T=1,RUN=0\r\n{good}\r\n"), At);

        Assert.Equal(["oven-3/temperature=180.5", "oven-3/running=1", "oven-3/temperature=180.5", "oven-3/running=1"],
            samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal}={s.Value}")));
        Assert.Equal(2, reader.Counters.BadChecksum);
    }

    [Fact]
    public void Key_value_lines_ignore_unmapped_keys_and_reject_lines_without_mapped_ones()
    {
        var reader = new AsciiLineReader("pump", new AsciiLineOptions { Terminator = ";" }, new KeyValueLineDecoder(), [new AsciiField("P", "pressure")]);

        var samples = reader.Feed("ID=7 P=2.5e1;ID=8;P=abc;"u8, At);

        Assert.Equal([25.0], samples.Select(s => s.Value));
        Assert.Equal(2, reader.Counters.Unmatched);
    }

    [Fact]
    public void Fields_map_to_signals_with_fixed_texts_scale_and_offset()
    {
        var decoder = new RegexLineDecoder(@"^S (?<status>[SD]) +(?<weight>-?\d+(\.\d+)?) g$");
        var reader = new AsciiLineReader("balance-1", new AsciiLineOptions { Terminator = "\r\n" }, decoder,
            [new AsciiField("status", "stable") { Values = new Dictionary<string, double> { ["S"] = 1, ["D"] = 0 } },
             new AsciiField("weight", "weight_kg") { Scale = 0.001 }]);

        var samples = reader.Feed("S S     100.50 g\r\nS D    -12.00 g\r\nS +\r\nS X     1.00 g\r\n"u8, At);

        Assert.Equal(["balance-1/stable=1", "balance-1/weight_kg=0.1005", "balance-1/stable=0", "balance-1/weight_kg=-0.012"],
            samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal}={Math.Round(s.Value, 9)}")));
        Assert.Equal(2, reader.Counters.Unmatched); // overload carries no weight; X is not a status the balance sends
    }

    [Fact]
    public void A_field_whose_text_is_not_a_known_value_or_number_fails_its_line()
    {
        var reader = new AsciiLineReader("balance-1", new AsciiLineOptions(), new KeyValueLineDecoder(),
            [new AsciiField("ST", "stable") { Values = new Dictionary<string, double> { ["S"] = 1 } }, new AsciiField("W", "weight")]);

        var samples = reader.Feed("ST=S,W=1\nST=Q,W=2\nST=S,W=x\n"u8, At);

        Assert.Equal([1.0, 1.0], samples.Select(s => s.Value));
        Assert.Equal(2, reader.Counters.Unmatched);
    }

    [Fact]
    public void Lines_completed_by_one_burst_get_successive_times_so_none_overwrites_another()
    {
        var reader = new AsciiLineReader("scale-1", new AsciiLineOptions(), Scale);

        var first = reader.Feed("ST,GS,1kg\nST,GS,2kg\nST,GS,3kg\n"u8, At);
        var late = reader.Feed("ST,GS,4kg\n"u8, At); // a clock that did not move between reads

        Assert.Equal([At, At.AddTicks(1), At.AddTicks(2), At.AddTicks(3)], first.Concat(late).Select(s => s.Timestamp));
    }

    [Fact]
    public void A_pattern_without_named_groups_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RegexLineDecoder(@"^\d+$"));
}
