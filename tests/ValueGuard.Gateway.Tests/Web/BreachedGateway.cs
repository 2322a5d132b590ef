using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Web;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Web;

/// <summary>
/// The example site after 48 evaluated hours with a 10-hour press outage: press-availability is breached and
/// escalated. Its web UI listens on a free port of 127.0.0.1 with a random token from a file.
/// </summary>
public sealed class BreachedGateway : IAsyncLifetime
{
    public static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Ok = new("mes-gw", "api_ok");
    private static readonly SignalId Total = new("mes-gw", "api_total");

    private readonly TempDirectory dir = new();

    private ManualClock Clock { get; } = new(GoLive);

    public GatewayRuntime Runtime { get; private set; } = null!;

    public WebUi Ui { get; private set; } = null!;

    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        Runtime = new GatewayRuntime(ExampleSite.In(dir), Clock, NullLoggerFactory.Instance);
        var samples = new List<Sample>();
        for (var m = 0; m < 48 * 60; m += 5)
        {
            var t = GoLive.AddMinutes(m);
            samples.Add(new Sample(Running, t, m is >= 20 * 60 and < 30 * 60 ? 0 : 1));
            samples.Add(new Sample(Ok, t, m * 10.0));
            samples.Add(new Sample(Total, t, m * 10.0));
        }
        await Runtime.Store.WriteAsync(samples, default);
        await Runtime.Evaluator.RecordContractsAsync(GoLive, default);
        for (var h = 1; h <= 48; h++)
        {
            Clock.Now = GoLive.AddHours(h);
            await Runtime.Evaluator.EvaluateAsync(Clock.Now, default);
        }
        var tokenFile = dir.Write("web.token", Token + "\n");
        Ui = await WebUi.StartAsync(Runtime, new GatewayOperatorActions(Runtime.OperatorActions, Runtime.Evaluator, Clock), new WebConfig("127.0.0.1", 0, tokenFile),
            NullLoggerFactory.Instance, default);
    }

    public async Task DisposeAsync()
    {
        await Ui.DisposeAsync();
        await Runtime.DisposeAsync();
        dir.Dispose();
    }
}
