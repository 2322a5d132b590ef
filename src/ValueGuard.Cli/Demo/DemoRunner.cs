using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Gateway.Broker;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Reports;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Reporting.Html;
using ValueGuard.Simulator.Clock;
using ValueGuard.Simulator.Publishing;
using ValueGuard.Simulator.Scenarios;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Cli.Demo;

/// <summary>
/// Runs the example site end to end on embedded defaults: an in-process broker, the simulated press
/// line publishing over real MQTT, ingest into the embedded store, hourly evaluation on a simulated
/// clock through a scripted outage, tickets through the file sink, and the HTML report.
/// </summary>
internal sealed partial class DemoRunner
{
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);
    private static readonly TimeSpan IngestDeadline = TimeSpan.FromSeconds(30);

    private readonly ILoggerFactory loggers;
    private readonly ILogger<DemoRunner> log;

    public DemoRunner(ILoggerFactory loggers)
    {
        this.loggers = loggers;
        log = loggers.CreateLogger<DemoRunner>();
    }

    public static string ExampleSite => Path.Combine(AppContext.BaseDirectory, "deployment", "examples", "site.yaml");

    public async Task<DemoOutcome> RunAsync(string outDirectory, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var outDir = Path.GetFullPath(outDirectory);
        var site = LoadSite(outDir);
        var contract = site.Contracts[0];
        var goLive = contract.GoLive;
        var end = goLive + TimeSpan.FromDays(30) + Step;
        // 06:00 local time on day 12 in Asia/Shanghai, 20 hours.
        var outage = new Outage(goLive + TimeSpan.FromDays(10) + TimeSpan.FromHours(22), TimeSpan.FromHours(20));
        LogStarting(site.Site.Id, contract.Id, goLive, end, outage.From, outage.Length);

        var clock = new SimulatedClock(goLive);
        await using var broker = await EmbeddedBroker.StartAsync().ConfigureAwait(false);
        using var runtime = new GatewayRuntime(site, clock, loggers);
        using var ingest = new MqttIngestService(
            new MqttIngestOptions { Broker = broker.Url, ClientId = $"valueguard-{site.Site.Id}" },
            // The simulator publishes a month of history at simulated time: no limit on device timestamps.
            new SiteMessageRouter(site, limits: TimestampLimits.None), runtime.Store, TimeProvider.System, loggers.CreateLogger<MqttIngestService>());
        await ingest.StartAsync(ct).ConfigureAwait(false);
        await WaitUntilAsync(() => ingest.IsReady, "the gateway did not connect to the embedded broker", ct).ConfigureAwait(false);

        await using var publisher = await TelemetryPublisher.ConnectAsync(broker.Url, "press-line-simulator", ct).ConfigureAwait(false);
        var scenario = new PressLineScenario(site.Site.Id, "press-07", "mes-gw", [outage]);
        await runtime.Evaluator.RecordContractsAsync(goLive, ct).ConfigureAwait(false);

        for (var t = goLive; t < end; t += Step)
        {
            await publisher.PublishAsync(scenario.Messages(t, t + Step), ct).ConfigureAwait(false);
            var published = publisher.Published;
            await WaitUntilAsync(() => ingest.Counters.Done >= published, $"ingest stored {ingest.Counters.Done} of {published} messages", ct).ConfigureAwait(false);
            clock.AdvanceTo(t + Step);
            await runtime.Evaluator.EvaluateAsync(t + Step, ct).ConfigureAwait(false);
            await runtime.Dispatcher.DeliverDueAsync(ct).ConfigureAwait(false);
        }
        await ingest.StopAsync(ct).ConfigureAwait(false);

        var tickets = await runtime.Outbox.AllAsync(ct).ConfigureAwait(false);
        var ledger = new LedgerVerification(true, runtime.Ledger.Count, runtime.Ledger.Head, null, null);
        var sources = new ReportSources(site, runtime.Store, LedgerHistory.Read(runtime.Paths.Ledger), ledger, tickets);
        var report = await ComplianceReportBuilder.BuildAsync(sources, contract.Id, goLive, end, TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
        var reportPath = Path.Combine(outDir, "report.html");
        await File.WriteAllTextAsync(reportPath, HtmlReportWriter.Render(report), ct).ConfigureAwait(false);

        var ticketByClause = tickets.Where(t => t.RemoteId is not null)
            .GroupBy(t => t.Action.Episode.ClauseId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => t.RemoteId!).Distinct()));
        return new DemoOutcome(runtime.Evaluator.Statuses, ticketByClause, reportPath, site.Site.TicketSinks[0].Path, runtime.Paths.DataDirectory,
            runtime.Paths.Ledger, runtime.Ledger.Count, runtime.Ledger.Head, publisher.Published, ingest.Counters.SamplesStored, watch.Elapsed);
    }

    /// <summary>The example site with its data and tickets redirected into the output folder, which is emptied of a previous demo.</summary>
    private SiteModel LoadSite(string outDir)
    {
        var (model, errors) = SiteModelLoader.Load(ExampleSite);
        if (model is null) throw new InvalidOperationException("The shipped example site is invalid:\n" + string.Join('\n', errors));
        var dataDir = Path.Combine(outDir, "data");
        var ticketDir = Path.Combine(outDir, "tickets");
        foreach (var previous in new[] { dataDir, ticketDir })
        {
            if (!Directory.Exists(previous)) continue;
            LogClearing(previous);
            Directory.Delete(previous, recursive: true);
        }
        Directory.CreateDirectory(outDir);
        var site = model.Site with
        {
            DataDirectory = dataDir,
            TicketSinks = [.. model.Site.TicketSinks.Select(s => s with { Path = ticketDir })],
        };
        return model with { Site = site };
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > IngestDeadline) throw new TimeoutException($"Demo stopped: {failure} within {IngestDeadline.TotalSeconds:0} s.");
            await Task.Delay(1, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 9001, EventName = "DemoStarting", Level = LogLevel.Information,
        Message = "Demo: site {Site}, contract {Contract}, simulating {From:u} to {To:u} with a press outage at {OutageFrom:u} for {OutageLength}")]
    private partial void LogStarting(string site, string contract, DateTimeOffset from, DateTimeOffset to, DateTimeOffset outageFrom, TimeSpan outageLength);

    [LoggerMessage(EventId = 9002, EventName = "DemoClearing", Level = LogLevel.Information, Message = "Demo: removing the previous run's {Directory}")]
    private partial void LogClearing(string directory);
}
