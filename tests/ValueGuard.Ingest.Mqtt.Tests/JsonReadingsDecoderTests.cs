using System.Buffers;
using System.Text;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class JsonReadingsDecoderTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 3, 1, 0, 0, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeviceProfile Profile(string mqtt, string signals = """
          temperature: { field: temp, type: float, unit: degC }
          running: { field: run, type: bool, values: { "ON": 1, "OFF": 0 } }
        """)
    {
        var result = DeviceProfileLoader.Load("p.yaml", $"profile: p\ntransport: mqtt\nmqtt:\n{mqtt}\nsignals:\n{signals}");
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private static readonly DeviceProfile Batch = Profile("""
          topic: "a/{device}"
          readings: { array: readings, timestamp: { field: ts, unit: iso8601 } }
        """);

    private static readonly DeviceProfile Kepware = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "plc-gateway-json.yaml")).Value!;

    private static DecodeResult Decode(DeviceProfile profile, string json, DecodeContext? context = null) =>
        IPayloadDecoder.For(profile).Decode("m1", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Arrival, context);

    private static Sample S(string signal, DateTimeOffset at, double value) => new(new SignalId("m1", signal), at, value);

    [Fact]
    public void Each_batch_entry_gives_its_samples_at_its_own_iso_8601_time()
    {
        var r = Decode(Batch, """{"readings":[{"ts":"2026-03-01T00:00:00Z","temp":20.5,"run":"ON"},{"ts":"2026-03-01T08:00:01+08:00","temp":21}]}""");

        Assert.False(r.IsRejected);
        Assert.Empty(r.ItemRejections);
        Assert.Equal([S("temperature", T0, 20.5), S("running", T0, 1), S("temperature", T0.AddSeconds(1), 21)], r.Samples);
    }

    [Theory]
    [InlineData("s", "1772323200")]
    [InlineData("ms", "1772323200000")]
    public void Item_times_may_be_unix_seconds_or_milliseconds(string unit, string ts)
    {
        var profile = Profile($$"""
              topic: "a/{device}"
              readings: { timestamp: { field: ts, unit: {{unit}} } }
            """);

        var r = Decode(profile, $$"""[{"ts":{{ts}},"temp":1}]""");

        Assert.Equal([S("temperature", T0, 1)], r.Samples);
    }

    [Fact]
    public void Named_readings_select_their_signal_and_unmapped_tags_are_passed_over()
    {
        var r = Decode(Kepware, """
            {"timestamp":1772323201000,"values":[
              {"id":"Press.PLC.Temperature","v":61.5,"q":true,"t":1772323200000},
              {"id":"Press.PLC.Unmapped","v":3,"q":true,"t":1772323200000},
              {"id":"Press.PLC.Running","v":true,"q":true,"t":1772323200500},
              {"id":"Press.PLC.Temperature","v":61.7,"q":true,"t":1772323201000}]}
            """);

        Assert.Empty(r.ItemRejections);
        Assert.Equal([S("temperature", T0, 61.5), S("running", T0.AddMilliseconds(500), 1), S("temperature", T0.AddSeconds(1), 61.7)], r.Samples);
    }

    [Fact]
    public void A_root_array_of_name_value_readings_takes_the_arrival_time()
    {
        var profile = Profile("""
              topic: "a/{device}"
              readings: { name: name, value: value }
            """);

        var r = Decode(profile, """[{"name":"temp","value":1.5},{"name":"run","value":"OFF"}]""");

        Assert.Equal([S("temperature", Arrival, 1.5), S("running", Arrival, 0)], r.Samples);
    }

    [Fact]
    public void Bad_items_are_rejected_one_by_one_with_their_reason_and_raw_text_and_the_good_ones_kept()
    {
        var r = Decode(Kepware, """
            {"values":[
              {"id":"Press.PLC.Temperature","v":60,"q":true,"t":1772323200000},
              {"id":"Press.PLC.Temperature","v":"hot","q":true,"t":1772323200001},
              {"id":"Press.PLC.Temperature","v":1e400,"q":true,"t":1772323200002},
              {"id":"Press.PLC.Temperature","q":true,"t":1772323200003},
              {"v":1,"q":true,"t":1772323200004},
              {"id":"Press.PLC.Temperature","v":61,"q":true},
              {"id":"Press.PLC.Temperature","v":62,"q":false,"t":1772323200006},
              {"id":"Press.PLC.Running","v":2,"q":true,"t":1772323200007},
              17,
              {"id":"Press.PLC.Temperature","v":63,"q":true,"t":1772323200009}]}
            """);

        Assert.False(r.IsRejected);
        Assert.Equal([S("temperature", T0, 60), S("temperature", T0.AddMilliseconds(9), 63)], r.Samples);
        Assert.Equal(
            [(1, "wrong-type"), (2, "not-finite"), (3, "missing-field"), (4, "missing-field"), (5, "bad-timestamp"), (6, "bad-quality"), (7, "wrong-type"), (8, "wrong-type")],
            r.ItemRejections.Select(i => (i.Index, i.Reason)));
        var first = r.ItemRejections[0];
        Assert.Equal("""{"id":"Press.PLC.Temperature","v":"hot","q":true,"t":1772323200001}""", Encoding.UTF8.GetString(first.Raw.Span));
        Assert.StartsWith("item 1: reading 'Press.PLC.Temperature' holds String", first.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_entry_without_any_mapped_field_is_rejected_as_no_signals()
    {
        var r = Decode(Batch, """{"readings":[{"ts":"2026-03-01T00:00:00Z","pressure":3},{"ts":"2026-03-01T00:00:00Z","temp":4}]}""");

        Assert.Equal([S("temperature", T0, 4)], r.Samples);
        Assert.Equal((0, "no-signals"), (r.ItemRejections.Single().Index, r.ItemRejections.Single().Reason));
    }

    [Fact]
    public void An_item_outside_the_timestamp_limits_is_rejected_alone()
    {
        var limits = new TimestampLimits(TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));

        var r = Decode(Batch, """{"readings":[{"ts":"2026-03-01T00:00:00Z","temp":1},{"ts":"2030-01-01T00:00:00Z","temp":2},{"ts":"2020-01-01T00:00:00Z","temp":3}]}""",
            new DecodeContext(Limits: limits));

        Assert.Equal([S("temperature", T0, 1)], r.Samples);
        Assert.Equal(["future-timestamp", "past-timestamp"], r.ItemRejections.Select(i => i.Reason));
    }

    [Theory]
    [InlineData("""{"readings":""", "invalid-json")]
    [InlineData("""{"other":[]}""", "no-signals")]
    [InlineData("""{"readings":[]}""", "no-signals")]
    [InlineData("""{"readings":{"temp":1}}""", "wrong-type")]
    public void A_payload_without_a_usable_array_is_rejected_whole(string json, string reason)
    {
        var r = Decode(Batch, json);

        Assert.Equal(reason, r.RejectReason);
    }

    [Fact]
    public void A_missing_message_timestamp_rejects_the_whole_message()
    {
        var profile = Profile("""
              topic: "a/{device}"
              timestamp: { field: sent, unit: ms }
              readings: { array: items }
            """);

        Assert.Equal("bad-timestamp", Decode(profile, """{"items":[{"temp":1}]}""").RejectReason);
        Assert.Equal([S("temperature", T0, 1)], Decode(profile, """{"sent":1772323200000,"items":[{"temp":1}]}""").Samples);
    }

    [Fact]
    public void Without_signals_skip_passes_over_a_batch_of_unmapped_tags()
    {
        var profile = Profile("""
              topic: "a/{device}"
              without_signals: skip
              readings: { name: n, value: v }
            """);

        var r = Decode(profile, """[{"n":"other","v":1}]""");

        Assert.False(r.IsRejected);
        Assert.Empty(r.Samples);
    }
}
