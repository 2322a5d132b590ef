using ValueGuard.Core.Commitments;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Verdicts;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Reporting;

namespace ValueGuard.Gateway.Reports;

/// <summary>Builds the report model of one contract from the clause statuses and the outbox.</summary>
public static class ComplianceReportBuilder
{
    public static ComplianceReport Build(
        string contractId,
        string site,
        IReadOnlyList<ClauseStatus> statuses,
        IReadOnlyList<OutboxEntry> tickets,
        string ledgerHead,
        long ledgerRecords,
        DateTimeOffset generatedAt)
    {
        var mine = statuses.Where(s => s.Contract.Id == contractId).ToList();
        if (mine.Count == 0) throw new ArgumentException($"No clauses of contract '{contractId}' have been evaluated.", nameof(contractId));
        var contract = mine[0].Contract;
        var rows = mine.Select(s => new ClauseReportRow(
            s.Clause.Id.Value,
            s.Clause.Text,
            s.Clause.Kpi.Kind,
            s.Clause.Target.ToString(),
            s.Clause.Warn?.ToString(),
            s.Result?.FormatValue() ?? "not started",
            s.Result is null ? "n/a" : Quantity.Format(s.Result.Coverage, QuantityUnit.Percent),
            Quantity.Format(s.Clause.MinCoverage, QuantityUnit.Percent),
            s.Result is null ? s.Clause.Window.Describe() : $"{s.Clause.Window.Describe()}, evaluated over {s.Result.Window}",
            s.Verdict?.Label() ?? "SCHEDULED",
            s.Snapshot.State.ToString(),
            s.Result?.SampleCount ?? 0,
            s.Result?.InputsSha256 ?? string.Empty,
            s.Clause.Kpi.DescribeMethod())).ToList();

        var episodes = tickets
            .Where(t => t.Action.Episode.ContractId == contractId && t.Action.Kind == Core.Escalation.EscalationActionKind.Open)
            .GroupBy(t => t.Action.Episode)
            .Select(g =>
            {
                var open = g.First();
                var status = mine.FirstOrDefault(s => s.Clause.Id.Value == g.Key.ClauseId);
                var current = status is not null && status.Snapshot.EpisodeNumber == g.Key.Number ? status.Snapshot : null;
                var ticket = string.Join(", ", g.Select(t => $"{t.Sink}: {t.RemoteId ?? t.Status.ToString().ToLowerInvariant()}"));
                return new BreachEpisodeRow(g.Key.ToString(), g.Key.ClauseId, open.Action.At,
                    current?.State.ToString() ?? nameof(CommitmentState.Recovered), ticket, current?.EscalationLevel ?? 0);
            })
            .ToList();

        return new ComplianceReport(contract.Customer, contract.Id, site, generatedAt, mine.Max(s => s.EvaluatedAt), contract.TimeZone,
            ledgerHead, ledgerRecords, rows, episodes);
    }
}
