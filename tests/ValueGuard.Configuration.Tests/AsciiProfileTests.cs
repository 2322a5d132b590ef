using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public sealed class AsciiProfileTests
{
    [Fact]
    public void Shipped_nmea_wind_sensor_profile_loads_its_framing_and_fields()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "wind-sensor-nmea-mwv.yaml"));

        Assert.Empty(result.Errors);
        var profile = result.Value!;
        Assert.True(profile.IsSerial);
        Assert.Equal(("\r\n", 82, true, false), (profile.Ascii!.Terminator, profile.Ascii.MaxLineLength, profile.Ascii.NmeaChecksum, profile.Ascii.KeyValue));
        Assert.Equal([("wind_direction", "angle", "deg"), ("wind_speed", "speed", "m/s")],
            profile.Signals.Values.Select(s => (s.Name, s.Field, s.Unit)).Order());
        Assert.All(profile.Signals.Values, s => Assert.Equal(TimeSpan.FromSeconds(10), s.MaxGap));
    }

    [Fact]
    public void Shipped_balance_profile_maps_the_status_letter_to_a_bool_and_defaults_a_field_to_its_signal_name()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "balance-mt-sics.yaml")).Value!;

        Assert.False(profile.Ascii!.NmeaChecksum);
        Assert.Equal("weight", profile.Signals["weight"].Field);
        Assert.Equal(SignalKind.Bool, profile.Signals["stable"].Kind);
        Assert.Equal(new Dictionary<string, double> { ["S"] = 1, ["D"] = 0 }, profile.Signals["stable"].Values);
    }

    [Fact]
    public void A_key_value_profile_needs_no_pattern()
    {
        var result = DeviceProfileLoader.Load("oven.yaml", """
            profile: oven
            transport: ascii-line
            ascii: { format: key-value, terminator: ";" }
            signals:
              temperature: { field: T, type: float, scale: 0.1 }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal((";", true, (string?)null), (result.Value!.Ascii!.Terminator, result.Value.Ascii.KeyValue, result.Value.Ascii.Pattern));
    }

    [Fact]
    public void Ascii_mistakes_are_reported_at_their_line_and_column_with_a_fix()
    {
        const string text = """
            profile: bad
            transport: ascii-line
            modbus: { poll: 1s }
            ascii:
              checksum: crc16
              max_line_length: 4
              pattern: '^W=(?<weight>\d+)$'
            signals:
              weight: { type: float }
              tare:   { field: taer, type: float }
              stable: { field: weight, type: bool, values: { S: yes } }
            """;

        var errors = DeviceProfileLoader.Load("bad.yaml", text).Errors;

        Assert.Collection(errors.OrderBy(e => e.Line).ThenBy(e => e.Column),
            e => Assert.Equal((3, 9, "remove the modbus section"), (e.Line, e.Column, e.Hint)),
            e => Assert.Equal((5, 13, "ascii: checksum 'crc16' is not known"), (e.Line, e.Column, e.Message)),
            e => Assert.Equal((6, 20), (e.Line, e.Column)),
            e => Assert.Equal((10, 11, "signal 'tare': field 'taer' is not a named group of the pattern"), (e.Line, e.Column, e.Message)),
            e => Assert.Equal((11, 53), (e.Line, e.Column)));
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_reported_at_the_pattern()
    {
        var error = Assert.Single(DeviceProfileLoader.Load("bad.yaml", """
            profile: bad
            transport: ascii-line
            ascii: { pattern: '^(?<weight>\d+' }
            signals:
              weight: { type: float }
            """).Errors);

        Assert.Equal((3, 19), (error.Line, error.Column));
        Assert.StartsWith("ascii: the pattern is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_transmitter_profile_reads_ne43_limits_as_flags_and_a_valid_band()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "transmitter-4-20ma-modbus.yaml")).Value!;
        var registers = profile.Modbus!.Registers.ToDictionary(r => r.Signal);

        Assert.Equal(new RawLimits(3600, 21000), registers["value"].Valid);
        Assert.Equal(new RawLimits(3600, 21000), registers["loop_fault"].Flag);
        Assert.Equal(new RawLimits(3600, null), registers["loop_low"].Flag);
        Assert.Equal(new RawLimits(null, 21000), registers["loop_high"].Flag);
        Assert.Equal(SignalKind.Bool, profile.Signals["loop_fault"].Kind);
        Assert.Equal(SignalKind.Float, profile.Signals["value"].Kind);
    }

    [Fact]
    public void A_flag_with_scale_or_without_limits_is_reported()
    {
        var errors = DeviceProfileLoader.Load("bad.yaml", """
            profile: bad
            transport: modbus-rtu
            modbus:
              registers:
                - { signal: a, table: input, address: 0, scale: 0.001, flag: { at_most: 3600 } }
                - { signal: b, table: input, address: 0, flag: {} }
                - { signal: c, table: input, address: 0, valid: { above: 21000, below: 3600 } }
            """).Errors;

        Assert.Equal([5, 6, 7], errors.Select(e => e.Line).Order());
    }
}
