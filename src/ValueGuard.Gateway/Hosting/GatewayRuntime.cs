using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Live;
using ValueGuard.Storage.Commitments;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Influx;
using ValueGuard.Storage.Spool;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// The stores and services of one gateway, opened from a site: the time-series store (embedded, or
/// InfluxDB behind the disk spool), commitment state, evidence ledger, escalation outbox with its
/// sinks, and the clause evaluator.
/// </summary>
public sealed class GatewayRuntime : IAsyncDisposable, IDisposable
{
    private readonly IDisposable? influxClient;
    private readonly ITimeSeriesStore innerStore;
    private DiskSpool? spool;
    private readonly HttpClient http = new();

    /// <summary>A runtime on the embedded store in the site's data folder.</summary>
    public GatewayRuntime(SiteModel site, TimeProvider clock, ILoggerFactory loggers)
        : this(site, new EmbeddedTimeSeriesStore(new GatewayPaths(site.Site.DataDirectory).Samples), null, clock, loggers)
    {
    }

    private GatewayRuntime(SiteModel site, ITimeSeriesStore store, IDisposable? influxClient, TimeProvider clock, ILoggerFactory loggers)
    {
        Site = site;
        Paths = new GatewayPaths(site.Site.DataDirectory);
        Directory.CreateDirectory(Paths.DataDirectory);
        innerStore = store;
        Clock = clock;
        Latest = new LatestSamples();
        Store = new ObservedTimeSeriesStore(store, Latest);
        this.influxClient = influxClient;
        Commitments = new SqliteCommitmentStore(Paths.Commitments);
        Ledger = new JsonlEvidenceLedger(Paths.Ledger);
        Outbox = new EscalationOutbox(Paths.Outbox);
        // Signature timestamps are the transport's, checked against the receiver's wall clock, whatever clock evaluates.
        var sinks = site.Site.TicketSinks.Select(s => TicketSinkFactory.Create(s, http, TimeProvider.System)).ToList();
        Dispatcher = new EscalationDispatcher(Outbox, sinks, clock, loggers.CreateLogger<EscalationDispatcher>());
        Evaluator = new ClauseEvaluator(site.Contracts, site.Catalog, Store, Commitments, Ledger, Outbox, Dispatcher.SinkNames,
            site.Site.Escalation, site.Site.AllowedLateness, loggers.CreateLogger<ClauseEvaluator>());
    }

    /// <summary>
    /// Opens the runtime the site asks for. With an InfluxDB store, every sample goes first to the disk
    /// spool in the data folder and is forwarded from there, so an InfluxDB outage loses nothing.
    /// </summary>
    public static async Task<GatewayRuntime> OpenAsync(SiteModel site, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (site.Site.Store is not { } config) return new GatewayRuntime(site, clock, loggers);
        var paths = new GatewayPaths(site.Site.DataDirectory);
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
        var spool = DiskSpool.Open(new SpoolOptions { Directory = paths.Spool }, clock);
        var spooled = new SpooledTimeSeriesStore(spool, influx, new SpooledStoreOptions(), clock, loggers.CreateLogger<SpooledTimeSeriesStore>());
        return new GatewayRuntime(site, spooled, client, clock, loggers) { spool = spool };
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

    private static async Task<string?> ReadSecretAsync(string? file, CancellationToken ct) =>
        file is null ? null : (await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).TrimEnd('\r', '\n');

    public SiteModel Site { get; }

    public GatewayPaths Paths { get; }

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

    public async ValueTask DisposeAsync()
    {
        if (innerStore is IAsyncDisposable asyncStore) await asyncStore.DisposeAsync().ConfigureAwait(false);
        else (innerStore as IDisposable)?.Dispose();
        influxClient?.Dispose();
        http.Dispose();
        Outbox.Dispose();
        Ledger.Dispose();
        Commitments.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
