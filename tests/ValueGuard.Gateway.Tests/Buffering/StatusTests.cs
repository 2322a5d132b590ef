using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Status;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Buffering;

public sealed class StatusTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();
    private readonly EmbeddedTimeSeriesStore embedded;
    private readonly SwitchableStore store;
    private readonly ManualClock clock = new(T0);

    public StatusTests()
    {
        embedded = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        store = new SwitchableStore(embedded) { Down = true };
    }

    public void Dispose()
    {
        embedded.Dispose();
        dir.Dispose();
    }

    private GatewayRuntime Open(MetricsConfig? metrics = null)
    {
        var site = ExampleSite.In(dir);
        site = site with { Site = site.Site with { Metrics = metrics, Store = new StoreConfig(new Uri("http://127.0.0.1:9"), "vg", null, null, null, null) { Spool = new SpoolConfig { MaxBytes = 1 << 20, SegmentBytes = 64 * 1024 } } } };
        return GatewayRuntime.OverSpool(site, store, clock, NullLoggerFactory.Instance);
    }

    private static Sample[] Batch(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new Sample(new SignalId("press-07", "running"), T0.AddSeconds(i), 1))];

    [Fact]
    public async Task The_spool_section_shows_depth_oldest_age_rates_and_time_until_full()
    {
        await using var runtime = Open();
        var section = new SpoolStatusSection(runtime.Spool!);
        section.Read(clock.GetUtcNow());
        for (var i = 0; i < 10; i++) await runtime.Store.WriteAsync(Batch(i * 100, 100), default);
        clock.Advance(TimeSpan.FromSeconds(10));

        var spool = section.Read(clock.GetUtcNow());

        Assert.Equal(10, spool["pending_records"]!.GetValue<long>());
        Assert.Equal(1000, spool["pending_samples"]!.GetValue<long>());
        Assert.Equal(10.0, spool["oldest_pending_age_seconds"]!.GetValue<double>());
        Assert.Equal(100.0, spool["ingest_samples_per_second"]!.GetValue<double>());
        Assert.Equal(0.0, spool["drain_samples_per_second"]!.GetValue<double>());
        var size = spool["size_bytes"]!.GetValue<long>();
        var perSecond = spool["ingest_bytes_per_second"]!.GetValue<double>();
        Assert.Equal(((1 << 20) - size) / perSecond, spool["time_until_full_seconds"]!.GetValue<double>(), 0);
        Assert.Equal("refuse_new_writes", spool["when_full"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_status_file_has_a_section_per_concern_and_is_replaced_whole()
    {
        await using var runtime = Open();
        var writer = new StatusWriter(dir.File("status.json"), "acme-plant-1",
            [new StoreStatusSection(runtime.Site.Site, runtime.Spool), new SpoolStatusSection(runtime.Spool!)], clock, NullLogger<StatusWriter>.Instance);

        StatusFile.Write(dir.File("status.json"), writer.Snapshot());
        var read = StatusFile.TryRead(dir.File("status.json"))!;

        Assert.Equal("acme-plant-1", read["site"]!.GetValue<string>());
        Assert.Equal(T0, read["written_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["store", "spool"], read["sections"]!.AsObject().Select(p => p.Key));
        Assert.Equal("influxdb", read["sections"]!["store"]!["kind"]!.GetValue<string>());
        Assert.False(File.Exists(dir.File("status.json.tmp")));
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_spool_gauges_on_loopback()
    {
        await using var runtime = Open();
        var section = new SpoolStatusSection(runtime.Spool!);
        using var metrics = new GatewayMetrics(section);
        await runtime.Store.WriteAsync(Batch(0, 42), default);
        section.Read(clock.GetUtcNow());
        var endpoint = new PrometheusEndpoint(new MetricsConfig("127.0.0.1", FreePort()), NullLogger<PrometheusEndpoint>.Instance);
        await endpoint.StartAsync(default);
        try
        {
            using var http = new HttpClient();
            string text = "";
            // prometheus-net picks up new meters on its own schedule.
            await Eventually.WaitFor(() =>
            {
                text = http.GetStringAsync(endpoint.Url).GetAwaiter().GetResult();
                return text.Contains("valueguard_gateway_spool_pending_samples", StringComparison.Ordinal);
            }, "the spool gauges on /metrics", seconds: 30);

            var line = text.Split('\n').First(l => l.StartsWith("valueguard_gateway_spool_pending_samples", StringComparison.Ordinal));
            Assert.EndsWith(" 42", line.TrimEnd());
            Assert.Contains("\nvalueguard_gateway_spool_dropped_samples 0", text);
        }
        finally
        {
            await endpoint.StopAsync(default);
            endpoint.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
