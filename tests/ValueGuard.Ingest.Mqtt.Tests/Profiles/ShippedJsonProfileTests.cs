using System.Buffers;
using System.Text;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Topics;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests.Profiles;

/// <summary>The shipped JSON profiles against payloads in the shape their source documents give.</summary>
public class ShippedJsonProfileTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static DeviceProfile Load(string file)
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, file));
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private static DecodeResult Decode(DeviceProfile profile, string device, string json) =>
        new JsonPayloadDecoder(profile).Decode(device, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Arrival);

    private static Dictionary<string, double> BySignal(DecodeResult r) => r.Samples.ToDictionary(s => s.Signal.Signal, s => Math.Round(s.Value, 6));

    [Fact]
    public void Tasmota_sensor_telemetry_gives_power_voltage_current_factor_and_energy_at_arrival_time()
    {
        var profile = Load("tasmota-energy-sensor.yaml");
        const string sensor = """
            {"Time":"2026-11-23T07:00:00","ENERGY":{"TotalStartTime":"2025-03-02T18:20:45","Total":153.217,"Yesterday":1.234,"Today":0.456,
             "Period":3,"Power":42,"ApparentPower":58,"ReactivePower":40,"Factor":0.72,"Voltage":231,"Current":0.251}}
            """;

        var r = Decode(profile, "plug-compressor-2", sensor);

        Assert.False(r.IsRejected);
        Assert.Equal(new Dictionary<string, double> { ["power"] = 42, ["voltage"] = 231, ["current"] = 0.251, ["power_factor"] = 0.72, ["energy_total"] = 153.217 }, BySignal(r));
        Assert.All(r.Samples, s => Assert.Equal(Arrival, s.Timestamp));
        Assert.Equal(new Dictionary<string, string> { ["device"] = "plug-compressor-2" }, new TopicTemplate(profile.Mqtt!.Topic).Match("tele/plug-compressor-2/SENSOR"));
    }

    [Fact]
    public void Tasmota_sensor_telemetry_of_another_sensor_is_passed_over_not_dead_lettered()
    {
        var r = Decode(Load("tasmota-energy-sensor.yaml"), "plug-compressor-2",
            """{"Time":"2026-11-23T07:00:00","DS18B20":{"Id":"01144A0CB2AA","Temperature":21.4},"TempUnit":"C"}""");

        Assert.False(r.IsRejected);
        Assert.Empty(r.Samples);
    }

    [Fact]
    public void Tasmota_power_as_text_is_a_wrong_type()
    {
        var r = Decode(Load("tasmota-energy-sensor.yaml"), "plug-compressor-2", """{"ENERGY":{"Power":"42 W"}}""");

        Assert.Equal("wrong-type", r.RejectReason);
    }

    [Fact]
    public void Shelly_notify_status_of_switch_0_gives_its_metering_at_the_notification_time()
    {
        var profile = Load("shelly-gen2-switch.yaml");
        const string notify = """
            {"src":"shellyplus1pm-a8032ab636ec","dst":"shellyplus1pm-a8032ab636ec/events","method":"NotifyStatus",
             "params":{"ts":1631266595.44,"switch:0":{"id":0,"output":true,"apower":27.4,"voltage":229.8,"current":0.153,
             "aenergy":{"total":1130.052,"by_minute":[415.3,412.9,411.2],"minute_ts":1631266560}}}}
            """;

        var r = Decode(profile, "shellyplus1pm-a8032ab636ec", notify);

        Assert.False(r.IsRejected);
        Assert.Equal(new Dictionary<string, double> { ["output"] = 1, ["power"] = 27.4, ["voltage"] = 229.8, ["current"] = 0.153, ["energy_total"] = 1130.052 }, BySignal(r));
        Assert.All(r.Samples, s => Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1631266595440), s.Timestamp));
        Assert.NotNull(new TopicTemplate(profile.Mqtt!.Topic).Match("shellyplus1pm-a8032ab636ec/events/rpc"));
    }

    [Fact]
    public void Shelly_partial_status_keeps_only_what_changed()
    {
        var r = Decode(Load("shelly-gen2-switch.yaml"), "shellyplus1pm-a8032ab636ec",
            """{"src":"shellyplus1pm-a8032ab636ec","method":"NotifyStatus","params":{"ts":1631266600.02,"switch:0":{"id":0,"apower":0.0,"output":false}}}""");

        Assert.Equal(new Dictionary<string, double> { ["output"] = 0, ["power"] = 0 }, BySignal(r));
    }

    [Fact]
    public void Shelly_notify_event_frames_are_passed_over()
    {
        var r = Decode(Load("shelly-gen2-switch.yaml"), "shellyplus1pm-a8032ab636ec",
            """{"src":"shellyplus1pm-a8032ab636ec","method":"NotifyEvent","params":{"ts":1631266601.1,"events":[{"component":"input:0","id":0,"event":"single_push","ts":1631266601.1}]}}""");

        Assert.False(r.IsRejected);
        Assert.Empty(r.Samples);
    }
}
