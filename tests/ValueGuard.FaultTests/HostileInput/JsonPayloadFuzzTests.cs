using System.Buffers;
using System.Diagnostics;
using System.Text;
using CsCheck;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Testing;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>
/// JSON payload mapping (the shipped press-plc-json profile, and the site router in front of it) against random
/// bytes, random and damaged JSON, a 10 MB payload, 100,000 levels of nesting and a topic of 10,000 levels: every
/// input gets a result, the bad ones a reason, the big ones quickly.
/// </summary>
public sealed class JsonPayloadFuzzTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Genuine = """{"ts":1772323200000,"state":{"running":true},"temp_c":21.5,"parts":42}""";

    private static readonly JsonPayloadDecoder Decoder = new(Profile());

    private static DeviceProfile Profile()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "press-plc-json.yaml"));
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private static SiteMessageRouter Router()
    {
        var (site, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.True(site is not null, string.Join('\n', errors));
        return new SiteMessageRouter(site, limits: TimestampLimits.None);
    }

    private static DecodeResult Decode(string json) => Decoder.Decode("press-07", new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Arrival);

    private static void AssertClean(DecodeResult result)
    {
        if (result.IsRejected) Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
        else Assert.All(result.Samples, s => Assert.True(double.IsFinite(s.Value), $"{s.Signal} = {s.Value}"));
    }

    private static readonly Gen<string> Scalars = Gen.OneOf(
        Gen.Const("null"), Gen.Const("true"), Gen.Const("false"), Gen.Const("1e400"), Gen.Const("-0"), Gen.Const("\"NaN\""),
        Gen.Const("99999999999999999999999999"), Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0"),
        Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.String[0, 20].Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    // Any JSON value, nested up to a few levels, with the profile's field names likely so that mapping code runs.
    private static readonly Gen<string> AnyJson = Gen.Recursive<string>((depth, inner) => depth >= 5
        ? Scalars
        : Gen.Frequency(
            (3, Scalars),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
            (2, Gen.Select(Gen.OneOf("ts", "state", "running", "temp_c", "parts", "", "\u0000", "x"), inner).Array[0, 5]
                .Select(members => "{" + string.Join(',', members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}"))));

    [Fact]
    public void Random_bytes_are_rejected_with_a_reason() =>
        Gen.Byte.Array[0, 500].Sample(bytes =>
        {
            var result = Decoder.Decode("press-07", new ReadOnlySequence<byte>(bytes), Arrival);
            AssertClean(result);
        }, iter: 3000, threads: 1);

    [Fact]
    public void Random_json_documents_give_finite_samples_or_a_reason() =>
        AnyJson.Sample(json => AssertClean(Decode(json)), iter: 3000, threads: 1);

    [Fact]
    public void Damaged_genuine_payloads_give_finite_samples_or_a_reason() =>
        YamlMutation.Some.Sample(mutate => AssertClean(Decode(mutate(Genuine))), iter: 3000, threads: 1);

    [Fact]
    public void Hundred_thousand_levels_of_nesting_are_rejected_quickly()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var nestedObject = string.Concat(Enumerable.Repeat("{\"state\":", 100_000)) + "1" + new string('}', 100_000);
        var watch = Stopwatch.StartNew();

        var array = Decode(deep);
        var obj = Decode(nestedObject);

        Assert.True(array.IsRejected);
        Assert.True(obj.IsRejected);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_10_MB_payload_is_rejected_by_the_router_without_being_parsed()
    {
        var router = Router();
        var big = Encoding.UTF8.GetBytes("{\"ts\":1,\"temp_c\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        var watch = Stopwatch.StartNew();

        var result = router.Decode("plant/acme-plant-1/press-07/telemetry", new ReadOnlySequence<byte>(big), Arrival);

        Assert.True(result.IsRejected);
        Assert.Equal("oversize", result.RejectReason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_topic_of_ten_thousand_levels_is_rejected_by_the_router()
    {
        var router = Router();
        var topic = "plant/acme-plant-1/" + string.Join('/', Enumerable.Repeat("level", 10_000));

        var result = router.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Genuine)), Arrival);

        Assert.True(result.IsRejected);
        Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
    }
}
