using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Commitments;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Influx;
using ValueGuard.Storage.Spool;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// The stores and services of one gateway, opened from a site: the time-series store (embedded, or
/// InfluxDB behind the disk spool), commitment state, evidence ledger, escalation outbox with its
/// sinks, and the clause evaluator, which counts the lost time recorded in the ledger as unknown.
/// </summary>
public sealed class GatewayRuntime : IAsyncDisposable, IDisposable
{
    private readonly IDisposable? influxClient;
    private DiskSpool? spool;
    private SpooledTimeSeriesStore? spooled;
    private readonly HttpClient http = new();

    /// <summary>A runtime on the embedded store in the site's data folder.</summary>
    public GatewayRuntime(SiteModel site, TimeProvider clock, ILoggerFactory loggers)
        : this(site, OpenLedger(site), new EmbeddedTimeSeriesStore(new GatewayPaths(site.Site.DataDirectory).Samples), null, clock, loggers)
    {
    }

    private GatewayRuntime(SiteModel site, JsonlEvidenceLedger ledger, ITimeSeriesStore store, IDisposable? influxClient, TimeProvider clock, ILoggerFactory loggers, LostTime? lostTime = null)
    {
        Site = site;
        Paths = new GatewayPaths(site.Site.DataDirectory);
        Store = store;
        this.influxClient = influxClient;
        Commitments = new SqliteCommitmentStore(Paths.Commitments);
        Ledger = ledger;
        LostTime = lostTime ?? LostTimeLedger.Load(Paths.Ledger);
        Clock = clock;
        Outbox = new EscalationOutbox(Paths.Outbox);
        // Signature timestamps are the transport's, checked against the receiver's wall clock, whatever clock evaluates.
        var sinks = site.Site.TicketSinks.Select(s => TicketSinkFactory.Create(s, http, TimeProvider.System)).ToList();
        Dispatcher = new EscalationDispatcher(Outbox, sinks, clock, loggers.CreateLogger<EscalationDispatcher>());
        Evaluator = new ClauseEvaluator(site.Contracts, site.Catalog, Store, Commitments, Ledger, Outbox, Dispatcher.SinkNames,
            site.Site.Escalation, site.Site.AllowedLateness, loggers.CreateLogger<ClauseEvaluator>(), LostTime);
    }

    /// <summary>
    /// Opens the runtime the site asks for. With an InfluxDB store, every sample goes first to the disk
    /// spool in the data folder and is forwarded from there, so an InfluxDB outage loses nothing.
    /// </summary>
    public static async Task<GatewayRuntime> OpenAsync(SiteModel site, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (site.Site.Store is not { } config) return new GatewayRuntime(site, clock, loggers);
        var client = new InfluxDbClient(new InfluxDbOptions
        {
            BaseAddress = config.Url,
            Database = config.Database,
            RetentionPolicy = config.RetentionPolicy,
            Username = config.Username,
            Password = await ReadSecretAsync(config.PasswordFile, ct).ConfigureAwait(false),
            Token = await ReadSecretAsync(config.TokenFile, ct).ConfigureAwait(false),
        }, clock, loggers.CreateLogger<InfluxDbClient>());
        var influx = await InfluxTimeSeriesStore.StartAsync(client, new InfluxTimeSeriesStoreOptions(), loggers.CreateLogger<InfluxTimeSeriesStore>(), ct).ConfigureAwait(false);
        return OverSpool(site, influx, clock, loggers, client);
    }

    /// <summary>
    /// A runtime whose samples pass through the disk spool (settings from the site's <c>store.spool</c>) to
    /// <paramref name="inner"/>; what the spool drops goes to the ledger and counts as lost time.
    /// </summary>
    public static GatewayRuntime OverSpool(SiteModel site, ITimeSeriesStore inner, TimeProvider clock, ILoggerFactory loggers, IDisposable? innerClient = null, SpooledStoreOptions? forwarding = null)
    {
        var paths = new GatewayPaths(site.Site.DataDirectory);
        var ledger = OpenLedger(site);
        var spool = DiskSpool.Open(SpoolOptionsFrom(site.Site.Store?.Spool ?? new SpoolConfig(), paths.Spool), clock);
        var lostTime = LostTimeLedger.Load(paths.Ledger);
        var spooled = new SpooledTimeSeriesStore(spool, inner, forwarding ?? new SpooledStoreOptions(), clock, loggers.CreateLogger<SpooledTimeSeriesStore>(),
            new LedgerDataLossRecorder(ledger, lostTime));
        return new GatewayRuntime(site, ledger, spooled, innerClient, clock, loggers, lostTime) { spool = spool, spooled = spooled };
    }

    /// <summary>
    /// Records in the evidence ledger what a crash destroyed before this start: bytes of a torn ledger tail,
    /// damaged spool records. Never silent: a report reader sees the notice next to the verdicts.
    /// </summary>
    public async Task RecordStartupLossesAsync(DateTimeOffset at, CancellationToken ct)
    {
        if (Ledger.RepairedTail > 0)
            await Ledger.AppendAsync(Core.Evidence.EvidenceKinds.DataLoss, at,
                new DataLossEvidence("ledger", Ledger.RepairedTail, 1, null, "a torn last ledger line (a crash mid-write) was cut off at start"), ct).ConfigureAwait(false);
        if (spool?.Recovery is { LostAnything: true } r)
            await Ledger.AppendAsync(Core.Evidence.EvidenceKinds.DataLoss, at,
                new DataLossEvidence("spool", r.LostBytes, r.DamagedRegions, r.RecordsKept,
                    "damaged spool bytes were cut at start; the samples in them never reached the store and count as unknown time"), ct).ConfigureAwait(false);
    }

    /// <summary>The spool settings a site asks for, in <paramref name="directory"/>.</summary>
    public static SpoolOptions SpoolOptionsFrom(SpoolConfig config, string directory)
    {
        SpoolFullPolicyNames.TryParse(config.WhenFull, out var policy);
        return new SpoolOptions
        {
            Directory = directory,
            MaxBytes = config.MaxBytes,
            SegmentBytes = config.SegmentBytes,
            MaxAge = config.MaxAge,
            WhenFull = policy,
            Fsync = config.Fsync == "interval" ? SpoolFsyncPolicy.Interval : SpoolFsyncPolicy.EveryBatch,
            FsyncInterval = config.FsyncInterval,
        };
    }

    private static JsonlEvidenceLedger OpenLedger(SiteModel site)
    {
        var paths = new GatewayPaths(site.Site.DataDirectory);
        Directory.CreateDirectory(paths.DataDirectory);
        return new JsonlEvidenceLedger(paths.Ledger);
    }

    private static async Task<string?> ReadSecretAsync(string? file, CancellationToken ct) =>
        file is null ? null : (await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).TrimEnd('\r', '\n');

    public SiteModel Site { get; }

    public GatewayPaths Paths { get; }

    public TimeProvider Clock { get; }

    /// <summary>Time whose samples were accepted and then lost, per signal; evaluations count it as unknown.</summary>
    public LostTime LostTime { get; }

    /// <summary>The spool in front of InfluxDB, or null on the embedded store.</summary>
    public SpooledTimeSeriesStore? Spool => spooled;

    public ITimeSeriesStore Store { get; }

    public SqliteCommitmentStore Commitments { get; }

    public JsonlEvidenceLedger Ledger { get; }

    public EscalationOutbox Outbox { get; }

    public EscalationDispatcher Dispatcher { get; }

    public ClauseEvaluator Evaluator { get; }

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable asyncStore) await asyncStore.DisposeAsync().ConfigureAwait(false);
        else (Store as IDisposable)?.Dispose();
        influxClient?.Dispose();
        http.Dispose();
        Outbox.Dispose();
        Ledger.Dispose();
        Commitments.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
