using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class SparkplugProfileTests
{
    [Fact]
    public void Shipped_edge_node_profile_maps_metric_names_and_adds_the_online_signal()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "sparkplug-b-edge-node.yaml"));

        Assert.Empty(result.Errors);
        var p = result.Value!;
        Assert.Equal(PayloadFormat.SparkplugB, p.Mqtt!.Payload);
        Assert.Equal("online", p.Mqtt.OnlineSignal);
        Assert.Equal("Supply Voltage", p.Signals["supply_voltage"].Field);
        Assert.Equal(SignalKind.Bool, p.Signals["online"].Kind);
        Assert.Equal(DeviceProfileLoader.SparkplugOnlineField, p.Signals["online"].Field);
    }

    [Fact]
    public void A_sparkplug_topic_outside_the_namespace_is_named_with_the_two_shapes_that_work()
    {
        const string text = """
            profile: p
            transport: mqtt
            mqtt: { topic: "plant/{device}/data", payload: sparkplug_b }
            signals:
              t: { field: Temperature, type: float }
            """;

        var error = Assert.Single(DeviceProfileLoader.Load("p.yaml", text).Errors);

        Assert.Equal(3, error.Line);
        Assert.Contains("spBv1.0/{group}/{message_type}/{node}/{device}", error.Hint);
    }

    [Fact]
    public void Online_signal_on_a_json_profile_is_an_error()
    {
        const string text = """
            profile: p
            transport: mqtt
            mqtt: { topic: "a/{device}", payload: json, online_signal: online }
            signals:
              t: { field: temp, type: float }
            """;

        var error = Assert.Single(DeviceProfileLoader.Load("p.yaml", text).Errors);

        Assert.Contains("online_signal", error.Message);
    }
}
