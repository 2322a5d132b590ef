using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class DeviceProfileTests
{
    [Fact]
    public void Shipped_press_profile_loads_with_its_signals()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "press-plc-json.yaml"));

        Assert.Empty(result.Errors);
        var p = result.Value!;
        Assert.Equal("plant/{site}/{device}/telemetry", p.Mqtt!.Topic);
        Assert.Equal(TimestampUnit.Milliseconds, p.Mqtt.Timestamp!.Unit);
        Assert.Equal(SignalKind.Bool, p.Signals["running"].Kind);
        Assert.Equal("state.running", p.Signals["running"].Field);
        Assert.Equal(TimeSpan.FromMinutes(10), p.Signals["running"].MaxGap);
        Assert.Equal(SignalKind.Counter, p.Signals["parts"].Kind);
    }

    [Fact]
    public void A_mistyped_signal_type_suggests_the_right_one()
    {
        const string text = """
            profile: p
            transport: mqtt
            mqtt: { topic: "a/{device}/b", payload: json }
            signals:
              t: { field: temp, type: flaot }
            """;

        var result = DeviceProfileLoader.Load("p.yaml", text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 27), (error.Line, error.Column));
        Assert.Contains("'float'", error.Hint);
    }

    [Fact]
    public void A_topic_without_a_device_capture_is_an_error()
    {
        const string text = """
            profile: p
            transport: mqtt
            mqtt: { topic: "plant/line/telemetry" }
            signals:
              t: { field: temp, type: float }
            """;

        var result = DeviceProfileLoader.Load("p.yaml", text);

        Assert.Contains(result.Errors, e => e.Message.Contains("{device}", StringComparison.Ordinal));
    }
}
