using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Reports;

namespace ValueGuard.Gateway.Web;

/// <summary>Assembles the web UI's status from the running gateway: live samples, clause statuses, ledger and outbox.</summary>
public static class GatewayStatus
{
    public const int TimelineLength = 20;

    public static async Task<StatusDocument> BuildAsync(GatewayRuntime runtime, CancellationToken ct)
    {
        var now = runtime.Clock.GetUtcNow();
        var site = runtime.Site;
        var devices = site.Site.Devices.Select(d => new DeviceStatus(d.Id, d.Profile, runtime.Latest.LastContact(d.Id),
            [.. site.Catalog.SignalsOf(d.Id).Select(spec => runtime.Latest.Of(spec.Id) is { } s
                ? new SignalValue(spec.Id.Signal, s.Value, s.Timestamp)
                : new SignalValue(spec.Id.Signal, null, null))])).ToList();

        var history = LedgerHistory.Read(runtime.Paths.Ledger);
        var statuses = runtime.Evaluator.Statuses;
        var clauses = new List<ClauseState>();
        foreach (var contract in site.Contracts)
        {
            foreach (var clause in contract.Clauses)
            {
                var s = statuses.FirstOrDefault(x => x.Contract.Id == contract.Id && x.Clause.Id == clause.Id);
                var timeline = history.Transitions.Where(t => t.Contract == contract.Id && t.Clause == clause.Id.Value)
                    .TakeLast(TimelineLength).Select(t => new TimelineEntry(t.At, t.From, t.To)).ToList();
                clauses.Add(new ClauseState(contract.Id, clause.Id.Value, clause.Text, clause.Target.ToString(),
                    s?.Snapshot.State.ToString() ?? "Scheduled", s?.Snapshot.Since ?? now, s?.Snapshot.EpisodeNumber ?? 0, s?.Snapshot.EscalationLevel ?? 0,
                    s?.Verdict is { } v ? Core.Verdicts.VerdictRules.Label(v) : null, s?.Result?.FormatValue(),
                    s?.Result?.Coverage, s?.EvaluatedAt, timeline));
            }
        }

        var tickets = await runtime.Outbox.AllAsync(ct).ConfigureAwait(false);
        var episodes = site.Contracts.SelectMany(c => BreachEpisodes.Of(history, c.Id, tickets, DateTimeOffset.MinValue, now)).ToList();
        var buffer = new BufferHealth(site.Site.Store is null ? "embedded" : "influxdb (disk spool in front)", runtime.SpoolPendingRecords, runtime.SpoolBytes,
            tickets.Count(t => t.Status == OutboxStatus.Pending), tickets.Count(t => t.Status == OutboxStatus.Dead), tickets.Count(t => t.Status == OutboxStatus.Done),
            runtime.Ledger.Head, runtime.Ledger.Count)
        {
            DeadActions = [.. tickets.Where(t => t.Status == OutboxStatus.Dead).Select(t => new DeadAction(t.Id, t.Sink, t.Action.IdempotencyKey, t.Attempts, t.LastError))],
        };
        return new StatusDocument(site.Site.Id, now, devices, clauses, episodes, buffer);
    }
}
