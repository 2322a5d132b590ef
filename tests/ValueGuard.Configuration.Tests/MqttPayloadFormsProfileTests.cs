using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

/// <summary>Profiles for arrays of readings, batches with per-item timestamps and plain payloads.</summary>
public class MqttPayloadFormsProfileTests
{
    private static ConfigError SingleError(string text)
    {
        var result = DeviceProfileLoader.Load("p.yaml", text);
        Assert.Null(result.Value);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Shipped_plc_gateway_profile_reads_named_readings_with_their_own_time_and_quality()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "plc-gateway-json.yaml"));

        Assert.Empty(result.Errors);
        var readings = result.Value!.Mqtt!.Readings!;
        Assert.Equal(new ReadingsMapping("values", "id", "v", new TimestampMapping("t", TimestampUnit.Milliseconds), "q"), readings);
        Assert.True(readings.IsNamedReadings);
        Assert.Equal("Press.PLC.Temperature", result.Value.Signals["temperature"].Field);
    }

    [Fact]
    public void A_batch_of_entries_needs_no_name_and_value()
    {
        var result = DeviceProfileLoader.Load("p.yaml", """
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              readings: { array: readings, timestamp: { field: ts, unit: iso8601 } }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(new ReadingsMapping("readings", null, null, new TimestampMapping("ts", TimestampUnit.Iso8601), null), result.Value!.Mqtt!.Readings);
    }

    [Fact]
    public void A_reading_name_without_a_value_path_is_named_at_its_line_and_column()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              readings: { array: values, name: id }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Equal(("p.yaml", 5, 36), (error.File, error.Line, error.Column));
        Assert.Contains("name and value go together", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_readings_key_suggests_the_right_one()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              readings: { aray: values }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Equal((5, 15), (error.Line, error.Column));
        Assert.Contains("'array'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_item_timestamp_unit_is_named()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              readings:
                timestamp: { field: t, unit: minutes }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Equal((6, 34), (error.Line, error.Column));
        Assert.Contains("iso8601", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_level_in_a_readings_path_is_an_error()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              readings: { array: "data..values" }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Equal((5, 22), (error.Line, error.Column));
    }

    [Fact]
    public void Readings_on_a_plain_payload_are_an_error()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              payload: plain
              readings: { array: values }
            signals:
              t: { type: float }
            """);

        Assert.Equal((6, 13), (error.Line, error.Column));
        Assert.Contains("json only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_profile_takes_texts_for_a_bool_and_defaults_the_field_to_the_signal_name()
    {
        var result = DeviceProfileLoader.Load("p.yaml", """
            profile: p
            transport: mqtt
            mqtt: { topic: "stat/{device}/POWER", payload: plain }
            signals:
              power: { type: bool, values: { "ON": 1, "OFF": 0 } }
            """);

        Assert.Empty(result.Errors);
        var power = result.Value!.Signals["power"];
        Assert.Equal(PayloadFormat.Plain, result.Value.Mqtt!.Payload);
        Assert.Equal(("power", SignalKind.Bool), (power.Field, power.Kind));
        Assert.Equal(new Dictionary<string, double> { ["ON"] = 1, ["OFF"] = 0 }, power.Values);
    }

    [Fact]
    public void A_plain_profile_with_several_signals_needs_a_signal_level_in_the_topic()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt: { topic: "stat/{device}/POWER", payload: plain }
            signals:
              power: { type: bool }
              energy: { type: counter }
            """);

        Assert.Equal((5, 3), (error.Line, error.Column));
        Assert.Contains("{signal}", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_profile_names_its_signals_by_topic_level()
    {
        var result = DeviceProfileLoader.Load("p.yaml", """
            profile: p
            transport: mqtt
            mqtt: { topic: "sensors/{device}/{signal}", payload: plain }
            signals:
              temperature: { field: temp, type: float }
              humidity: { type: float }
            """);

        Assert.Empty(result.Errors);
        Assert.True(result.Value!.Mqtt!.TopicNamesSignal);
    }

    [Fact]
    public void A_timestamp_on_a_plain_payload_is_an_error()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt:
              topic: "a/{device}"
              payload: plain
              timestamp: { field: ts }
            signals:
              t: { type: float }
            """);

        Assert.Equal((6, 14), (error.Line, error.Column));
    }

    [Fact]
    public void A_signal_level_in_a_json_topic_is_an_error()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt: { topic: "a/{device}/{signal}" }
            signals:
              t: { field: temp, type: float }
            """);

        Assert.Equal((3, 16), (error.Line, error.Column));
    }

    [Fact]
    public void Texts_for_values_are_refused_on_a_sparkplug_profile()
    {
        var error = SingleError("""
            profile: p
            transport: mqtt
            mqtt: { topic: "spBv1.0/{group}/{message_type}/{device}", payload: sparkplug_b }
            signals:
              t: { field: Temperature, type: float, values: { HOT: 1 } }
            """);

        Assert.Equal(5, error.Line);
        Assert.Contains("values", error.Message, StringComparison.Ordinal);
    }
}
