using System.Buffers;
using System.Text;
using CsCheck;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class JsonPayloadDecoderTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static readonly DeviceProfile Press = new("press-plc-json", null, null,
        new MqttMapping("plant/{site}/{device}/telemetry", new TimestampMapping("ts", TimestampUnit.Milliseconds)),
        new Dictionary<string, SignalMapping>
        {
            ["running"] = new("running", "state.running", SignalKind.Bool, null, TimeSpan.FromMinutes(1)),
            ["temperature"] = new("temperature", "temp_c", SignalKind.Float, "degC", TimeSpan.FromMinutes(1), Scale: 0.1, Offset: 1),
        });

    private static DecodeResult Decode(string json, DeviceProfile? profile = null) =>
        new JsonPayloadDecoder(profile ?? Press).Decode("press-07", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Arrival);

    [Fact]
    public void Nested_fields_and_millisecond_timestamps_become_samples()
    {
        var r = Decode("""{"ts":1772323200000,"state":{"running":true},"temp_c":612}""");

        Assert.False(r.IsRejected);
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1772323200000);
        Assert.Equal([new Sample(new SignalId("press-07", "running"), t, 1), new Sample(new SignalId("press-07", "temperature"), t, 62.2)],
            r.Samples.Select(s => s with { Value = Math.Round(s.Value, 9) }));
    }

    [Fact]
    public void A_payload_without_a_timestamp_mapping_takes_arrival_time()
    {
        var profile = Press with { Mqtt = Press.Mqtt! with { Timestamp = null } };

        var r = Decode("""{"state":{"running":false}}""", profile);

        Assert.Equal(Arrival, Assert.Single(r.Samples).Timestamp);
    }

    [Fact]
    public void Missing_fields_give_no_sample_for_that_signal()
    {
        var r = Decode("""{"ts":1772323200000,"temp_c":600}""");

        Assert.Equal("temperature", Assert.Single(r.Samples).Signal.Signal);
    }

    [Theory]
    [InlineData("""{"ts":1,"state":{"running":tru""", "invalid-json")]
    [InlineData("""{"ts":1,"state":{"running":"yes"}}""", "wrong-type")]
    [InlineData("""{"ts":1,"state":{"running":2}}""", "wrong-type")]
    [InlineData("""{"ts":"soon","temp_c":1}""", "bad-timestamp")]
    [InlineData("""{"temp_c":1}""", "bad-timestamp")]
    [InlineData("""{"ts":1,"other":1}""", "no-signals")]
    [InlineData("""[1,2,3]""", "bad-timestamp")]
    public void Bad_payloads_are_rejected_with_a_reason(string json, string reason)
    {
        var r = Decode(json);

        Assert.True(r.IsRejected);
        Assert.Equal(reason, r.RejectReason);
        Assert.Empty(r.Samples);
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_not_followed()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        Assert.Equal("invalid-json", Decode(json).RejectReason);
    }

    [Fact]
    public void No_byte_sequence_makes_the_decoder_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var r = new JsonPayloadDecoder(Press).Decode("press-07", new ReadOnlySequence<byte>(bytes), Arrival);
            Assert.True(r.IsRejected || r.Samples.Count > 0);
        });
    }
}
