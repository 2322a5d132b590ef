using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class SpoolSiteTests
{
    private static string Site(string spool) => $"""
        site: s
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        store:
          kind: influxdb
          url: http://127.0.0.1:8086
          database: vg
          spool:
        {spool}
        """;

    [Fact]
    public void Without_a_spool_section_the_defaults_hold()
    {
        var spool = SiteLoader.Load("site.yaml", Site("").Replace("  spool:\n", "", StringComparison.Ordinal)).Value!.Store!.Spool;

        Assert.Equal((1L << 30, "refuse_new_writes", "every_batch", (TimeSpan?)null), (spool.MaxBytes, spool.WhenFull, spool.Fsync, spool.MaxAge));
        Assert.Equal((20_000, TimeSpan.FromMilliseconds(50)), (spool.MaxSamplesPerWrite, spool.ForwardLinger));
    }

    [Fact]
    public void Every_spool_key_is_read()
    {
        var result = SiteLoader.Load("site.yaml", Site("""
                max_bytes: 256MB
                max_age: 2d
                when_full: drop_oldest
                fsync: interval
                fsync_interval: 500ms
                segment_bytes: 4096
                max_samples_per_write: 8000
                forward_linger: 0s
            """));

        Assert.Empty(result.Errors);
        var spool = result.Value!.Store!.Spool;
        Assert.Equal(256L << 20, spool.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(2), spool.MaxAge);
        Assert.Equal(("drop_oldest", "interval", TimeSpan.FromMilliseconds(500), 4096L), (spool.WhenFull, spool.Fsync, spool.FsyncInterval, spool.SegmentBytes));
        Assert.Equal((8000, TimeSpan.Zero), (spool.MaxSamplesPerWrite, spool.ForwardLinger));
    }

    [Theory]
    [InlineData("    when_full: drop_newest", 9, "did you mean 'drop_oldest'?")]
    [InlineData("    max_bytes: lots", 9, "is not a size")]
    [InlineData("    max_age: forever", 9, "is not a duration")]
    [InlineData("    fsync: sometimes", 9, "every_batch, interval")]
    [InlineData("    segment_bytes: 100", 9, "at least 4096")]
    [InlineData("    max_bytes: 12MB\n    when_full: drop_oldest", 9, "at least two segments")]
    [InlineData("    max_sizes: 1MB", 9, "did you mean 'max_bytes'?")]
    [InlineData("    max_samples_per_write: 0", 9, "whole number from 1 to 1000000")]
    [InlineData("    max_samples_per_write: 2.5", 9, "whole number from 1 to 1000000")]
    [InlineData("    max_samples_per_write: many", 9, "number")]
    [InlineData("    forward_linger: 1m", 9, "at most 10s")]
    [InlineData("    forward_linger: soon", 9, "is not a duration")]
    public void Spool_mistakes_are_located(string spool, int line, string message)
    {
        var result = SiteLoader.Load("site.yaml", Site(spool));

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message + " " + error.Hint);
        Assert.Equal(line, error.Line);
    }

    [Theory]
    [InlineData("{ listen: 127.0.0.1:9464 }", "127.0.0.1", 9464)]
    [InlineData("{ listen: 9500 }", "127.0.0.1", 9500)]
    [InlineData("{}", "127.0.0.1", 9464)]
    [InlineData("{ listen: \"0.0.0.0:9100\" }", "0.0.0.0", 9100)]
    public void Metrics_listen_defaults_to_loopback(string metrics, string host, int port)
    {
        var result = SiteLoader.Load("site.yaml", $"site: s\ndevice_profiles: [{RepoPaths.DeviceProfiles}]\ndevices: []\nmetrics: {metrics}\n");

        Assert.Empty(result.Errors);
        Assert.Equal(new MetricsConfig(host, port), result.Value!.Metrics);
    }
}
