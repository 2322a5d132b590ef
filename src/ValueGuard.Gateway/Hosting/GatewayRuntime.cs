using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Kpis.Incremental;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Operators;
using ValueGuard.Gateway.Live;
using ValueGuard.Storage.Commitments;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Influx;
using ValueGuard.Storage.Operators;
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
    private readonly ITimeSeriesStore innerStore;
    private DiskSpool? spool;
    private SpooledTimeSeriesStore? spooled;
    private readonly HttpClient http = new();

    /// <summary>A runtime on the embedded store in the site's data folder.</summary>
    public GatewayRuntime(SiteModel site, TimeProvider clock, ILoggerFactory loggers)
        : this(site, OpenLedger(site), new BucketCache(), null, clock, loggers)
    {
    }

    private GatewayRuntime(SiteModel site, JsonlEvidenceLedger ledger, BucketCache buckets, IDisposable? influxClient, TimeProvider clock, ILoggerFactory loggers)
        : this(site, ledger, new BucketInvalidatingStore(new EmbeddedTimeSeriesStore(new GatewayPaths(site.Site.DataDirectory).Samples), buckets), buckets, influxClient, clock, loggers)
    {
    }

    // Every write into the store below must invalidate the evaluator's bucket summaries (a BucketInvalidatingStore does).
    private GatewayRuntime(SiteModel site, JsonlEvidenceLedger ledger, ITimeSeriesStore store, BucketCache buckets, IDisposable? influxClient, TimeProvider clock, ILoggerFactory loggers, LostTime? lostTime = null)
    {
        Site = site;
        Paths = new GatewayPaths(site.Site.DataDirectory);
        Directory.CreateDirectory(Paths.DataDirectory);
        innerStore = store;
        Latest = new LatestSamples();
        Store = new ObservedTimeSeriesStore(store, Latest);
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
            site.Site.Escalation, site.Site.AllowedLateness, loggers.CreateLogger<ClauseEvaluator>(), buckets, LostTime)
        {
            ReportsBaseUrl = site.Site.ReportsBaseUrl,
            NotificationSinks = [.. site.Site.TicketSinks.Where(s => !TicketSinkKinds.OpensTickets(s.Kind)).Select(s => s.Name)],
        };
        OperatorQueue = new SqliteOperatorActionQueue(Paths.OperatorActions);
        OperatorActions = new OperatorActions(Evaluator, Commitments, OperatorQueue, clock, loggers.CreateLogger<OperatorActions>());
        TicketAcknowledgements = new TicketAcknowledgementPoller(TwoWaySourceFactory.Create(site.Site.TicketSinks, sinks, http), Evaluator, Outbox,
            OperatorActions, TimeProvider.System, loggers.CreateLogger<TicketAcknowledgementPoller>());
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
        // InfluxDB may still be down after a power cut: start anyway, spool, and forward once it answers.
        var influx = InfluxTimeSeriesStore.Create(client, new InfluxTimeSeriesStoreOptions(), loggers.CreateLogger<InfluxTimeSeriesStore>());
        await influx.TryPrepareAsync(ct).ConfigureAwait(false);
        return OverSpool(site, influx, clock, loggers, client);
    }

    /// <summary>
    /// A runtime whose samples pass through the disk spool (settings from the site's <c>store.spool</c>) to
    /// <paramref name="inner"/>; what the spool drops goes to the ledger and counts as lost time. The evaluator's
    /// bucket cache learns of a sample when it reaches <paramref name="inner"/> (where the evaluator reads), not
    /// when it is spooled.
    /// </summary>
    public static GatewayRuntime OverSpool(SiteModel site, ITimeSeriesStore inner, TimeProvider clock, ILoggerFactory loggers, IDisposable? innerClient = null, SpooledStoreOptions? forwarding = null)
    {
        var paths = new GatewayPaths(site.Site.DataDirectory);
        var ledger = OpenLedger(site);
        var spoolConfig = site.Site.Store?.Spool ?? new SpoolConfig();
        var spool = DiskSpool.Open(SpoolOptionsFrom(spoolConfig, paths.Spool), clock);
        var lostTime = LostTimeLedger.Load(paths.Ledger);
        var buckets = new BucketCache();
        var spooled = new SpooledTimeSeriesStore(spool, new BucketInvalidatingStore(inner, buckets), forwarding ?? new SpooledStoreOptions { MaxSamplesPerWrite = spoolConfig.MaxSamplesPerWrite, ForwardLinger = spoolConfig.ForwardLinger }, clock,
            loggers.CreateLogger<SpooledTimeSeriesStore>(), new LedgerDataLossRecorder(ledger, lostTime));
        return new GatewayRuntime(site, ledger, spooled, buckets, innerClient, clock, loggers, lostTime) { spool = spool, spooled = spooled };
    }

    /// <summary>
    /// Records in the evidence ledger what a crash destroyed before this start: a damaged ledger tail (ledger-damage),
    /// damaged spool records. Never silent: a report reader sees the notice next to the verdicts.
    /// </summary>
    public async Task RecordStartupLossesAsync(DateTimeOffset at, CancellationToken ct)
    {
        if (Ledger.TailDamage is { } damage)
            await Ledger.AppendAsync(Core.Evidence.EvidenceKinds.LedgerDamage, at, LedgerDamageEvidence.Of(damage), ct).ConfigureAwait(false);
        if (spool?.Recovery is { LostAnything: true } r)
            await Ledger.AppendAsync(Core.Evidence.EvidenceKinds.DataLoss, at,
                new DataLossEvidence("spool", r.LostBytes, r.DamagedRegions, r.RecordsKept,
                    "damaged spool bytes were cut at start; the samples in them never reached the store and count as unknown time",
                    r.RecordsCut, r.SamplesCut, r.UncountedBytes), ct).ConfigureAwait(false);
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

    /// <summary>Time whose samples were accepted and then lost, per signal; evaluations count it as unknown.</summary>
    public LostTime LostTime { get; }

    /// <summary>The spool in front of InfluxDB, or null on the embedded store.</summary>
    public SpooledTimeSeriesStore? Spool => spooled;

    /// <summary>The store; every batch written through it updates <see cref="Latest"/>.</summary>
    public ITimeSeriesStore Store { get; }

    /// <summary>The newest sample of each signal written since start (live values, last contact).</summary>
    public LatestSamples Latest { get; }

    /// <summary>The clock the gateway evaluates on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Samples in the disk spool not yet forwarded to InfluxDB; null with the embedded store.</summary>
    public long? SpoolPendingRecords => spool?.PendingRecords;

    /// <summary>Bytes of the disk spool's segment files; null with the embedded store.</summary>
    public long? SpoolBytes => spool?.SizeBytes;

    public SqliteCommitmentStore Commitments { get; }

    public JsonlEvidenceLedger Ledger { get; }

    public EscalationOutbox Outbox { get; }

    public EscalationDispatcher Dispatcher { get; }

    public ClauseEvaluator Evaluator { get; }

    /// <summary>The durable queue of operator actions (written by the CLI, applied here).</summary>
    public SqliteOperatorActionQueue OperatorQueue { get; }

    /// <summary>Acknowledge, snooze and waive: the service the loops, the CLI's queue and the local API go through.</summary>
    public OperatorActions OperatorActions { get; }

    /// <summary>Reads two-way tickets back and acknowledges the breaches people acknowledged there.</summary>
    public TicketAcknowledgementPoller TicketAcknowledgements { get; }

    public async ValueTask DisposeAsync()
    {
        if (innerStore is IAsyncDisposable asyncStore) await asyncStore.DisposeAsync().ConfigureAwait(false);
        else (innerStore as IDisposable)?.Dispose();
        influxClient?.Dispose();
        http.Dispose();
        Outbox.Dispose();
        OperatorQueue.Dispose();
        Evaluator.Dispose();
        Ledger.Dispose();
        Commitments.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
