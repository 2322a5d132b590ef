using ValueGuard.Storage.Spool;

namespace ValueGuard.Storage.Tests.Spool;

public sealed class SpoolRateMeterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static SpoolHealth At(int seconds, long appendedSamples, long appendedBytes, long forwardedSamples, long forwardedBytes, long size = 0, long max = 1_000_000) =>
        new(T0.AddSeconds(seconds), 0, 0, size, max, null, appendedSamples, appendedBytes, forwardedSamples, forwardedBytes, 0, 0, SpoolFullPolicy.RefuseNewWrites, null);

    [Fact]
    public void Rates_are_the_change_in_totals_over_the_time_between_readings()
    {
        var meter = new SpoolRateMeter(TimeSpan.FromMinutes(1));
        meter.Observe(At(0, 0, 0, 0, 0));

        var rates = meter.Observe(At(10, 1000, 40_000, 400, 16_000));

        Assert.Equal(TimeSpan.FromSeconds(10), rates.Over);
        Assert.Equal((100.0, 40.0), (rates.IngestSamplesPerSecond, rates.DrainSamplesPerSecond));
        Assert.Equal((4000.0, 1600.0), (rates.IngestBytesPerSecond, rates.DrainBytesPerSecond));
    }

    [Fact]
    public void Time_until_full_is_the_free_bytes_over_the_net_growth()
    {
        var meter = new SpoolRateMeter(TimeSpan.FromMinutes(1));
        meter.Observe(At(0, 0, 0, 0, 0, size: 0));

        // 3000 B/s in, 1000 B/s out: 2000 B/s growth; 600,000 bytes free.
        var rates = meter.Observe(At(10, 100, 30_000, 30, 10_000, size: 400_000));

        Assert.Equal(TimeSpan.FromSeconds(300), rates.TimeUntilFull);
    }

    [Fact]
    public void A_draining_spool_has_no_time_until_full()
    {
        var meter = new SpoolRateMeter(TimeSpan.FromMinutes(1));
        meter.Observe(At(0, 0, 0, 0, 0));

        Assert.Null(meter.Observe(At(10, 10, 1000, 50, 5000)).TimeUntilFull);
    }

    [Fact]
    public void Rates_follow_the_last_window_only()
    {
        var meter = new SpoolRateMeter(TimeSpan.FromSeconds(60));
        meter.Observe(At(0, 0, 0, 0, 0));
        for (var t = 10; t <= 120; t += 10) meter.Observe(At(t, t <= 60 ? t * 100 : 6000, 0, 0, 0));

        var rates = meter.Observe(At(130, 6000, 0, 0, 0));

        Assert.Equal(0.0, rates.IngestSamplesPerSecond);
        Assert.InRange(rates.Over, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(70));
    }
}
