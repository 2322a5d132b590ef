using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Commitments;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// The stores and services of one gateway, opened from a site: the embedded time-series store,
/// commitment state, evidence ledger, escalation outbox with its sinks, and the clause evaluator.
/// </summary>
public sealed class GatewayRuntime : IDisposable
{
    public GatewayRuntime(SiteModel site, TimeProvider clock, ILoggerFactory loggers)
    {
        Site = site;
        Paths = new GatewayPaths(site.Site.DataDirectory);
        Directory.CreateDirectory(Paths.DataDirectory);
        Store = new EmbeddedTimeSeriesStore(Paths.Samples);
        Commitments = new SqliteCommitmentStore(Paths.Commitments);
        Ledger = new JsonlEvidenceLedger(Paths.Ledger);
        Outbox = new EscalationOutbox(Paths.Outbox);
        var sinks = site.Site.TicketSinks.Select(s => (ITicketSink)new FileTicketSink(s.Name, s.Path)).ToList();
        Dispatcher = new EscalationDispatcher(Outbox, sinks, clock, loggers.CreateLogger<EscalationDispatcher>());
        Evaluator = new ClauseEvaluator(site.Contracts, site.Catalog, Store, Commitments, Ledger, Outbox, Dispatcher.SinkNames,
            site.Site.Escalation, site.Site.AllowedLateness, loggers.CreateLogger<ClauseEvaluator>());
    }

    public SiteModel Site { get; }

    public GatewayPaths Paths { get; }

    public EmbeddedTimeSeriesStore Store { get; }

    public SqliteCommitmentStore Commitments { get; }

    public JsonlEvidenceLedger Ledger { get; }

    public EscalationOutbox Outbox { get; }

    public EscalationDispatcher Dispatcher { get; }

    public ClauseEvaluator Evaluator { get; }

    public void Dispose()
    {
        Outbox.Dispose();
        Ledger.Dispose();
        Commitments.Dispose();
        Store.Dispose();
    }
}
