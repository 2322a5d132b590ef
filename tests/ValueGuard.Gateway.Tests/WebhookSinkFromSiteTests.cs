using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Escalation.Sinks.Webhook;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public class WebhookSinkFromSiteTests
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_breach_reaches_the_webhook_the_site_names_signed_with_its_secret()
    {
        using var dir = new TempDirectory();
        var secretFile = dir.Write("webhook.secret", "s3cret-from-a-file\n");
        var port = EmbeddedBroker.FreePort();
        var site = ExampleSite.In(dir);
        site = site with
        {
            Site = site.Site with
            {
                TicketSinks = [new TicketSinkConfig("cs-hook", "webhook", dir.File("unused")) { Url = new Uri($"http://127.0.0.1:{port}/hook/"), SecretFile = secretFile }],
            },
        };
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = (context.Request.Headers["X-ValueGuard-Timestamp"], context.Request.Headers["X-ValueGuard-Signature"], context.Request.Headers["Idempotency-Key"]);
            context.Response.StatusCode = 200;
            context.Response.Close();
            return (Body: body.ToArray(), headers.Item1, headers.Item2, headers.Item3);
        });

        var clock = new ManualClock(GoLive);
        using var runtime = new GatewayRuntime(site, clock, NullLoggerFactory.Instance);
        var running = new SignalId("press-07", "running");
        await runtime.Store.WriteAsync([.. Enumerable.Range(0, 24 * 12).Select(i => new Sample(running, GoLive.AddMinutes(5 * i), i < 12 * 12 ? 1 : 0))], default);
        for (var h = 1; h <= 14; h++) await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(h), default);
        clock.Now = GoLive.AddHours(14);
        Assert.Equal(1, await runtime.Dispatcher.DeliverDueAsync(default));

        var (bytes, timestamp, signature, key) = await received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebhookVerification.Valid,
            WebhookSignature.Verify(Encoding.UTF8.GetBytes("s3cret-from-a-file"), timestamp, bytes, signature, TimeProvider.System.GetUtcNow()));
        Assert.Equal("ACME-2026-017/press-availability/1#open-0", key);
        Assert.Contains("press-availability", Encoding.UTF8.GetString(bytes));
    }
}
