using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Mqtt.Tests;

public class RejectionLogLimiterTests
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_first_rejection_is_logged_then_one_per_interval_with_the_count_left_out()
    {
        var limiter = new RejectionLogLimiter(clock, TimeSpan.FromMinutes(1));

        var first = limiter.ShouldLog("invalid-json", "press-07", out _);
        var flood = Enumerable.Range(0, 500).Count(i => limiter.ShouldLog("invalid-json", "press-07", out _));
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = limiter.ShouldLog("invalid-json", "press-07", out var suppressed);

        Assert.True(first);
        Assert.Equal(0, flood);
        Assert.True(next);
        Assert.Equal(500, suppressed);
    }

    [Fact]
    public void Each_reason_and_device_has_its_own_allowance()
    {
        var limiter = new RejectionLogLimiter(clock, TimeSpan.FromMinutes(1));
        limiter.ShouldLog("invalid-json", "press-07", out _);

        Assert.True(limiter.ShouldLog("invalid-json", "press-08", out _));
        Assert.True(limiter.ShouldLog("wrong-type", "press-07", out _));
    }

    [Fact]
    public void Beyond_the_tracked_pairs_new_devices_share_one_allowance()
    {
        var limiter = new RejectionLogLimiter(clock, TimeSpan.FromMinutes(1), maxTracked: 2);
        limiter.ShouldLog("unknown-device", "a", out _);
        limiter.ShouldLog("unknown-device", "b", out _);

        Assert.True(limiter.ShouldLog("unknown-device", "c", out _));
        Assert.False(limiter.ShouldLog("unknown-device", "d", out _));
    }
}
