using System.Buffers;
using System.Text;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests;

/// <summary>Device timestamps against the gateway's receive time, read from a manual clock: limits and skew per device.</summary>
public class TimestampLimitTests
{
    private const string Press = "plant/acme-plant-1/press-07/telemetry";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly SiteMessageRouter router = new(LoadSite(), limits: new TimestampLimits(TimeSpan.FromMinutes(5), TimeSpan.FromDays(30)));

    private static SiteModel LoadSite()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model!;
    }

    private DecodeResult Receive(TimeSpan deviceAhead, string topic = Press)
    {
        var ts = (clock.GetUtcNow() + deviceAhead).ToUnixTimeMilliseconds();
        return router.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes($$"""{"ts":{{ts}},"temp_c":60}""")), clock.GetUtcNow());
    }

    [Fact]
    public void A_sample_beyond_max_future_is_rejected_and_good_messages_around_it_are_kept()
    {
        var before = Receive(TimeSpan.FromMinutes(4));
        var future = Receive(TimeSpan.FromMinutes(6));
        var after = Receive(TimeSpan.Zero);

        Assert.Single(before.Samples);
        Assert.Equal(("future-timestamp", "press-07"), (future.RejectReason, future.Device));
        Assert.Empty(future.Samples);
        Assert.Contains("ingest.max_future", future.RejectDetail, StringComparison.Ordinal);
        Assert.Single(after.Samples);
    }

    [Fact]
    public void A_sample_beyond_max_past_is_rejected_as_past_timestamp()
    {
        Assert.False(Receive(-TimeSpan.FromDays(29)).IsRejected);

        var old = Receive(-TimeSpan.FromDays(31));

        Assert.Equal(("past-timestamp", "press-07"), (old.RejectReason, old.Device));
        Assert.Contains("ingest.max_past", old.RejectDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_explicit_limits_the_router_uses_the_sites_ingest_section()
    {
        var site = LoadSite();
        var strict = new SiteMessageRouter(site with { Site = site.Site with { Ingest = new IngestConfig { MaxFuture = TimeSpan.FromSeconds(1) } } });

        Assert.Equal(new TimestampLimits(TimeSpan.FromSeconds(1), IngestConfig.DefaultMaxPast), strict.Limits);
    }

    [Fact]
    public void Skew_is_tracked_per_device_as_last_min_and_max_including_rejected_messages()
    {
        Receive(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromMinutes(1));
        Receive(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromMinutes(1));
        Receive(-TimeSpan.FromSeconds(3));

        var (device, skew) = Assert.Single(router.ClockSkew.Snapshot());
        Assert.Equal("press-07", device);
        Assert.Equal(-TimeSpan.FromSeconds(3), skew.Last);
        Assert.Equal(-TimeSpan.FromSeconds(3), skew.Min);
        Assert.Equal(TimeSpan.FromHours(1), skew.Max);
        Assert.Equal(3, skew.Samples);
        Assert.Equal(clock.GetUtcNow(), skew.LastReceivedAt);
    }

    [Fact]
    public void Undecodable_messages_leave_the_skew_alone()
    {
        router.Decode(Press, new ReadOnlySequence<byte>("{"u8.ToArray()), clock.GetUtcNow());

        Assert.Empty(router.ClockSkew.Snapshot());
    }
}
