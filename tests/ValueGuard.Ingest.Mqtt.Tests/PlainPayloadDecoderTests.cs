using System.Buffers;
using System.Text;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class PlainPayloadDecoderTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeviceProfile Profile(string topic, string signals)
    {
        var result = DeviceProfileLoader.Load("p.yaml", $"profile: p\ntransport: mqtt\nmqtt: {{ topic: \"{topic}\", payload: plain }}\nsignals:\n{signals}");
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private static readonly DeviceProfile Temperature = Profile("t/{device}", "  temperature: { type: float, scale: 0.1 }");
    private static readonly DeviceProfile Power = Profile("stat/{device}/POWER", """  power: { type: bool, values: { "ON": 1, "OFF": 0 } }""");
    private static readonly DeviceProfile Running = Profile("r/{device}", "  running: { type: bool }");

    private static DecodeResult Decode(DeviceProfile profile, byte[] payload, string? topicSignal = null) =>
        IPayloadDecoder.For(profile).Decode("d1", new ReadOnlySequence<byte>(payload), Arrival, new DecodeContext(topicSignal));

    private static DecodeResult Decode(DeviceProfile profile, string payload, string? topicSignal = null) => Decode(profile, Encoding.UTF8.GetBytes(payload), topicSignal);

    [Theory]
    [InlineData("235", 23.5)]
    [InlineData(" 2.35e2\n", 23.5)]
    [InlineData("-10", -1)]
    public void A_number_becomes_one_sample_at_arrival_time(string payload, double expected)
    {
        var sample = Assert.Single(Decode(Temperature, payload).Samples);

        Assert.Equal((new SignalId("d1", "temperature"), Arrival), (sample.Signal, sample.Timestamp));
        Assert.Equal(expected, sample.Value, 9);
    }

    [Theory]
    [InlineData("true", 1)]
    [InlineData("FALSE", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    public void A_bool_signal_takes_true_false_1_and_0(string payload, double expected)
    {
        Assert.Equal(expected, Assert.Single(Decode(Running, payload).Samples).Value);
    }

    [Theory]
    [InlineData("ON", 1)]
    [InlineData("OFF", 0)]
    public void Configured_texts_map_to_their_numbers(string payload, double expected)
    {
        Assert.Equal(expected, Assert.Single(Decode(Power, payload).Samples).Value);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("2")]
    [InlineData("toggle")]
    public void Other_texts_for_a_bool_are_wrong_type(string payload)
    {
        var r = Decode(Power, payload);

        Assert.Equal("wrong-type", r.RejectReason);
        Assert.Contains("ON, OFF", r.RejectDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1e400")]
    public void Non_finite_numbers_are_rejected(string payload)
    {
        Assert.Equal("not-finite", Decode(Temperature, payload).RejectReason);
    }

    [Fact]
    public void Text_that_is_no_number_is_wrong_type_and_bytes_that_are_no_text_too()
    {
        Assert.Equal("wrong-type", Decode(Temperature, "{\"t\":1}").RejectReason);
        Assert.Equal("wrong-type", Decode(Temperature, [0xff, 0xfe, 0x31]).RejectReason);
        Assert.Equal("wrong-type", Decode(Temperature, new string('1', PlainPayloadDecoder.MaxValueBytes + 1)).RejectReason);
    }

    [Fact]
    public void An_empty_payload_has_no_signal()
    {
        Assert.Equal("no-signals", Decode(Temperature, "").RejectReason);
    }

    [Fact]
    public void The_topic_level_picks_the_signal_by_its_field()
    {
        var profile = Profile("sensors/{device}/{signal}", """
              temperature: { field: temp, type: float }
              humidity: { type: float }
            """);

        Assert.Equal(new SignalId("d1", "temperature"), Assert.Single(Decode(profile, "21", "temp").Samples).Signal);
        Assert.Equal(new SignalId("d1", "humidity"), Assert.Single(Decode(profile, "40", "humidity").Samples).Signal);
        Assert.Equal("no-signals", Decode(profile, "1", "pressure").RejectReason);
    }
}
