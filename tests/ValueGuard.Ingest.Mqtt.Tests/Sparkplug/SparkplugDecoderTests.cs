using System.Buffers;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Sparkplug;
using ValueGuard.Testing;
using static ValueGuard.Ingest.Mqtt.Tests.Sparkplug.SparkplugPayloads;

namespace ValueGuard.Ingest.Mqtt.Tests.Sparkplug;

public class SparkplugDecoderTests
{
    private const string Node = "spBv1.0/Sparkplug B Devices/{0}/Raspberry Pi";
    private const string Device = "spBv1.0/Sparkplug B Devices/{0}/Raspberry Pi/Pibrella";
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds((long)Sent);

    private readonly SparkplugDecoder decoder = new([("Raspberry Pi", Shipped("sparkplug-b-edge-node.yaml")), ("Pibrella", Shipped("sparkplug-b-device.yaml"))]);

    private static DeviceProfile Shipped(string file)
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, file));
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private DecodeResult Send(string topic, string type, ReadOnlySequence<byte> payload) => decoder.Decode(string.Format(null, topic, type), payload, Arrival);

    private static Sample S(string device, string signal, double value) => new(new SignalId(device, signal), SentAt, value);

    private void BirthNodeAndDevice()
    {
        Send(Node, "NBIRTH", Encode(0, UInt64("bdSeq", 0), Bool("Node Control/Rebirth", false), Int64("Node Control/Scan Rate", 3000), Float("Supply Voltage", 12.1f)));
        Send(Device, "DBIRTH", Encode(1, Bool("Inputs/A", false, alias: 1), Bool("Inputs/C", false, alias: 3), Text("Properties/Hardware Make", "Pibrella")));
    }

    [Fact]
    public void Node_birth_sets_online_and_maps_its_metrics_to_signals()
    {
        var r = Send(Node, "NBIRTH", Encode(0, UInt64("bdSeq", 0), Bool("Node Control/Rebirth", false), Int64("Node Control/Scan Rate", 3000), Float("Supply Voltage", 12.1f)));

        Assert.False(r.IsRejected);
        Assert.Equal([S("Raspberry Pi", "online", 1), S("Raspberry Pi", "scan_rate", 3000), S("Raspberry Pi", "supply_voltage", 12.1f)], r.Samples);
    }

    [Fact]
    public void Node_data_by_name_updates_the_signal_with_the_metric_timestamp()
    {
        BirthNodeAndDevice();

        var r = Send(Node, "NDATA", Encode(2, Float("Supply Voltage", 12.3f)));

        Assert.Equal([S("Raspberry Pi", "supply_voltage", 12.3f)], r.Samples);
    }

    [Fact]
    public void Device_data_by_alias_resolves_to_the_names_of_its_birth()
    {
        BirthNodeAndDevice();

        var r = Send(Device, "DDATA", Encode(2, Bool(null, true, alias: 1), Bool(null, true, alias: 3)));

        Assert.False(r.IsRejected);
        Assert.Equal([S("Pibrella", "input_a", 1), S("Pibrella", "input_c", 1)], r.Samples);
    }

    [Fact]
    public void An_alias_without_a_birth_is_rejected_and_named()
    {
        var r = Send(Device, "DDATA", Encode(5, Bool(null, true, alias: 1)));

        Assert.Equal("sparkplug-unknown-alias", r.RejectReason);
        Assert.Contains("alias 1", r.RejectDetail);
    }

    [Fact]
    public void Device_death_sets_only_that_device_offline_and_forgets_its_aliases()
    {
        BirthNodeAndDevice();

        var death = Send(Device, "DDEATH", Encode(2));
        var after = Send(Device, "DDATA", Encode(3, Bool(null, true, alias: 1)));

        Assert.Equal([S("Pibrella", "online", 0)], death.Samples);
        Assert.Equal("sparkplug-unknown-alias", after.RejectReason);
    }

    [Fact]
    public void Node_death_sets_the_node_and_every_device_born_under_it_offline()
    {
        BirthNodeAndDevice();

        var r = Send(Node, "NDEATH", Encode(null, UInt64("bdSeq", 0)));

        Assert.Equal([S("Raspberry Pi", "online", 0), S("Pibrella", "online", 0)], r.Samples);
    }

    [Fact]
    public void A_node_death_of_an_older_session_does_not_take_the_living_node_offline()
    {
        Send(Node, "NBIRTH", Encode(0, UInt64("bdSeq", 4), Float("Supply Voltage", 12.1f)));

        var r = Send(Node, "NDEATH", Encode(null, UInt64("bdSeq", 3)));

        Assert.False(r.IsRejected);
        Assert.Empty(r.Samples);
    }

    [Fact]
    public void A_gap_in_the_sequence_numbers_is_counted_and_the_data_kept()
    {
        BirthNodeAndDevice();

        var r = Send(Node, "NDATA", Encode(7, Float("Supply Voltage", 12.0f)));

        Assert.Equal(1, decoder.SequenceGaps);
        Assert.Single(r.Samples);
    }

    [Fact]
    public void The_sequence_wraps_from_255_to_0_without_a_gap()
    {
        Send(Node, "NBIRTH", Encode(254, UInt64("bdSeq", 0)));
        Send(Node, "NDATA", Encode(255, Float("Supply Voltage", 12.0f)));
        Send(Node, "NDATA", Encode(0, Float("Supply Voltage", 12.0f)));

        Assert.Equal(0, decoder.SequenceGaps);
    }

    [Fact]
    public void A_non_finite_float_is_rejected_as_not_finite()
    {
        BirthNodeAndDevice();

        var r = Send(Node, "NDATA", Encode(2, Float("Supply Voltage", float.NaN)));

        Assert.Equal("not-finite", r.RejectReason);
    }

    [Fact]
    public void A_text_value_for_a_numeric_signal_is_a_wrong_type()
    {
        var r = Send(Node, "NDATA", Encode(2, Text("Supply Voltage", "12 V")));

        Assert.Equal("wrong-type", r.RejectReason);
    }

    [Fact]
    public void Bytes_that_are_not_a_protobuf_payload_are_rejected()
    {
        var r = Send(Node, "NDATA", new ReadOnlySequence<byte>("{\"not\":\"protobuf\"}"u8.ToArray()));

        Assert.Equal("invalid-protobuf", r.RejectReason);
    }

    [Fact]
    public void A_device_not_on_the_site_is_rejected_as_unknown()
    {
        var r = decoder.Decode("spBv1.0/Sparkplug B Devices/DDATA/Raspberry Pi/Other", Encode(1, Bool("Inputs/A", true)), Arrival);

        Assert.Equal("unknown-device", r.RejectReason);
    }

    [Fact]
    public void Subscribes_to_births_data_and_deaths_of_nodes_and_devices_only()
    {
        Assert.Equal(
            ["spBv1.0/+/NBIRTH/+", "spBv1.0/+/NDATA/+", "spBv1.0/+/NDEATH/+", "spBv1.0/+/DBIRTH/+/+", "spBv1.0/+/DDATA/+/+", "spBv1.0/+/DDEATH/+/+"],
            decoder.Filters);
    }
}
