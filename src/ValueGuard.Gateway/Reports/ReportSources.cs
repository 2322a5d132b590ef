using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Gateway.Reports;

/// <summary>What a report is computed from: the site (contracts, signals), its store, its ledger (with the verified head) and its outbox.</summary>
public sealed record ReportSources(SiteModel Site, ITimeSeriesStore Store, LedgerHistory History, LedgerVerification Ledger, IReadOnlyList<OutboxEntry> Tickets);
