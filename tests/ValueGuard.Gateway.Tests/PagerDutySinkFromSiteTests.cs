using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class PagerDutySinkFromSiteTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_breach_triggers_one_pagerduty_alert_keyed_by_its_episode()
    {
        using var dir = new TempDirectory();
        var keyFile = dir.Write("pd.key", "R0UT1NGKEY0123456789abcdefABCDEF\n");
        var port = EmbeddedBroker.FreePort();
        var site = ExampleSite.In(dir);
        site = site with
        {
            Site = site.Site with
            {
                TicketSinks = [new TicketSinkConfig("on-call", "pagerduty", dir.File("unused"))
                {
                    Url = new Uri($"http://127.0.0.1:{port}/v2/enqueue/"), RoutingKeyFile = keyFile, Source = "acme-gw1",
                }],
            },
        };
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/v2/enqueue/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 202;
            await context.Response.OutputStream.WriteAsync("""{"status":"success","message":"Event processed","dedup_key":"ACME-2026-017/press-availability/1"}"""u8.ToArray());
            context.Response.Close();
            return body.ToArray();
        });

        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site, clock, NullLoggerFactory.Instance);
        var running = new SignalId("press-07", "running");
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 24 * 12).Select(i => new Sample(running, GoLive.AddMinutes(5 * i), i < 12 * 12 ? 1 : 0))], default);
        for (var h = 1; h <= 14; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(14);
        Assert.Equal(1, await runtime.Dispatcher.DeliverDueAsync(default));

        using var json = JsonDocument.Parse(await received.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("R0UT1NGKEY0123456789abcdefABCDEF", json.RootElement.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", json.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", json.RootElement.GetProperty("dedup_key").GetString());
        Assert.Equal("acme-gw1", json.RootElement.GetProperty("payload").GetProperty("source").GetString());
    }
}
