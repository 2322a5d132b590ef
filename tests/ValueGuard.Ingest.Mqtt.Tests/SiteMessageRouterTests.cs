using System.Buffers;
using System.Text;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class SiteMessageRouterTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly SiteMessageRouter Router = new(LoadSite());

    private static SiteModel LoadSite()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model!;
    }

    private static DecodeResult Decode(string topic, string json) => Router.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Arrival);

    [Fact]
    public void A_10_MB_payload_is_rejected_as_oversize_for_its_device_without_being_parsed()
    {
        var huge = new byte[10 * 1024 * 1024];
        Array.Fill(huge, (byte)'[');

        var r = Router.Decode("plant/acme-plant-1/press-07/telemetry", new ReadOnlySequence<byte>(huge), Arrival);

        Assert.Equal(("oversize", "press-07"), (r.RejectReason, r.Device));
        Assert.Contains("10485760 bytes", r.RejectDetail);
    }

    [Fact]
    public void A_topic_of_10000_levels_is_an_unknown_topic_with_a_shortened_detail()
    {
        var topic = string.Join('/', Enumerable.Repeat("plant", 10_000));

        var r = Decode(topic, """{"ts":1,"temp_c":1}""");

        Assert.Equal("unknown-topic", r.RejectReason);
        Assert.Null(r.Device);
        Assert.True(r.RejectDetail!.Length < 400);
    }

    [Fact]
    public void Rejections_name_the_device_of_their_topic()
    {
        Assert.Equal(("invalid-json", "press-07"), Pair(Decode("plant/acme-plant-1/press-07/telemetry", "{")));
        Assert.Equal(("unknown-device", "press-99"), Pair(Decode("plant/acme-plant-1/press-99/telemetry", """{"ts":1}""")));
        Assert.Equal(("not-finite", "press-07"), Pair(Decode("plant/acme-plant-1/press-07/telemetry", """{"ts":1,"temp_c":1e400}""")));
    }

    private static (string?, string?) Pair(DecodeResult r) => (r.RejectReason, r.Device);
}
