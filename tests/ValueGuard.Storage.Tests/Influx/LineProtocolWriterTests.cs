using ValueGuard.Storage.Influx;

namespace ValueGuard.Storage.Tests.Influx;

public class LineProtocolWriterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Line(Action<LineProtocolWriter> write, LinePrecision precision = LinePrecision.Nanoseconds)
    {
        using var writer = new LineProtocolWriter(precision);
        write(writer);
        return writer.ToString();
    }

    [Fact]
    public void Writes_measurement_tags_fields_and_nanosecond_timestamp()
    {
        var line = Line(w => w.Measurement("samples").Tag("device", "press-07").Tag("signal", "running").Field("value", 1.5).Timestamp(T0.AddTicks(1)));

        Assert.Equal("samples,device=press-07,signal=running value=1.5 1772323200000000100\n", line);
    }

    [Fact]
    public void Escapes_comma_and_space_in_measurements_but_not_equals()
    {
        Assert.Equal("a\\,b\\ c=d f=1 0\n", Line(w => w.Measurement("a,b c=d").Field("f", 1.0).Timestamp(DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Escapes_comma_equals_and_space_in_tag_keys_tag_values_and_field_keys()
    {
        var line = Line(w => w.Measurement("m").Tag("k,= ", "v,= ").Field("f,= ", 1.0).EndLine());

        Assert.Equal("m,k\\,\\=\\ =v\\,\\=\\  f\\,\\=\\ =1\n", line);
    }

    [Fact]
    public void Escapes_double_quote_and_backslash_in_string_fields_only()
    {
        var line = Line(w => w.Measurement("m").Field("s", "say \"hi\" \\ , = ok").EndLine());

        Assert.Equal("m s=\"say \\\"hi\\\" \\\\ , = ok\"\n", line);
    }

    [Fact]
    public void Writes_integers_with_i_suffix_booleans_and_round_trip_floats()
    {
        var line = Line(w => w.Measurement("m").Field("i", -42L).Field("b", true).Field("c", false).Field("f", 0.1 + 0.2).Field("g", 3.0).EndLine());

        Assert.Equal("m i=-42i,b=true,c=false,f=0.30000000000000004,g=3\n", line);
    }

    [Theory]
    [InlineData(LinePrecision.Nanoseconds, "1772323200123456700")]
    [InlineData(LinePrecision.Microseconds, "1772323200123456")]
    [InlineData(LinePrecision.Milliseconds, "1772323200123")]
    [InlineData(LinePrecision.Seconds, "1772323200")]
    public void Timestamps_follow_the_precision(LinePrecision precision, string expected)
    {
        var instant = T0.AddTicks(1_234_567);

        Assert.Equal($"m f=1 {expected}\n", Line(w => w.Measurement("m").Field("f", 1.0).Timestamp(instant), precision));
    }

    [Fact]
    public void Coarse_precision_rounds_instants_before_the_epoch_toward_the_past()
    {
        Assert.Equal(-1, LinePrecision.Seconds.ToUnixTime(DateTimeOffset.UnixEpoch.AddTicks(-1)));
    }

    [Fact]
    public void Unicode_is_written_as_utf8()
    {
        using var writer = new LineProtocolWriter();
        writer.Measurement("m").Tag("device", "Presse-Ä 😀").Field("f", 1.0).EndLine();

        Assert.Equal("m,device=Presse-Ä\\ 😀 f=1\n"u8.ToArray(), writer.Written.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ends in backslash\\")]
    [InlineData("line\nbreak")]
    public void Refuses_tag_values_influx_cannot_give_back_unchanged(string value)
    {
        using var writer = new LineProtocolWriter();
        writer.Measurement("m");

        Assert.Throws<ArgumentException>(() => writer.Tag("device", value));
    }

    [Fact]
    public void Refuses_a_lone_surrogate_which_has_no_utf8_form()
    {
        // Not an InlineData: xunit would replace the lone surrogate while serializing the case.
        using var writer = new LineProtocolWriter();
        writer.Measurement("m");

        Assert.Throws<ArgumentException>(() => writer.Tag("device", "lone \ud800 surrogate"));
    }

    [Fact]
    public void Refuses_non_finite_floats()
    {
        using var writer = new LineProtocolWriter();
        writer.Measurement("m");

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Field("f", double.NaN));
    }

    [Fact]
    public void Lines_slices_whole_lines_and_the_buffer_grows_past_its_first_size()
    {
        using var writer = new LineProtocolWriter(initialCapacity: 64);
        for (var i = 0; i < 1000; i++) writer.Measurement("m").Tag("device", "d" + i).Field("v", (long)i).EndLine();

        Assert.Equal(1000, writer.LineCount);
        Assert.Equal("m,device=d10 v=10i\nm,device=d11 v=11i\n", System.Text.Encoding.UTF8.GetString(writer.Lines(10, 2).Span));
    }

    [Fact]
    public void A_line_without_fields_cannot_end()
    {
        using var writer = new LineProtocolWriter();
        writer.Measurement("m").Tag("t", "x");

        Assert.Throws<InvalidOperationException>(() => writer.EndLine());
    }
}
