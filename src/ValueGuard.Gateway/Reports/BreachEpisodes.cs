using ValueGuard.Escalation.Outbox;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Gateway.Reports;

/// <summary>
/// Rebuilds the breach episodes of a contract from the ledger's transitions: breached, acknowledged, and
/// ended (recovered, or closed with the period), with the tickets the outbox holds for each.
/// </summary>
public static class BreachEpisodes
{
    private static readonly HashSet<string> InBreach = ["Breached", "Escalated", "Acknowledged"];

    /// <summary>Episodes that overlap <c>[from, to)</c>, as the ledger stood at <paramref name="to"/>.</summary>
    public static IReadOnlyList<BreachEpisodeReport> Of(LedgerHistory history, string contractId, IReadOnlyList<OutboxEntry> tickets, DateTimeOffset from, DateTimeOffset to)
    {
        var episodes = new List<BreachEpisodeReport>();
        var known = history.Transitions.Where(t => t.Contract == contractId && t.At <= to).ToList();
        foreach (var group in known.Where(t => t.Episode > 0).GroupBy(t => (t.Clause, t.Episode)))
        {
            var moves = group.OrderBy(t => t.At).ToList();
            var start = moves.FindIndex(t => t.To == "Breached");
            if (start < 0) continue;
            var breachedAt = moves[start].At;
            var during = moves.Skip(start).TakeWhile(t => InBreach.Contains(t.To)).ToList();
            var end = moves.Skip(start + during.Count).FirstOrDefault();
            var acknowledged = during.FirstOrDefault(t => t.To == "Acknowledged")?.At;
            if (breachedAt >= to || end?.At <= from) continue;

            var id = $"{contractId}/{group.Key.Clause}/{group.Key.Episode}";
            var refs = tickets
                .Where(t => t.Action.Episode.ContractId == contractId && t.Action.Episode.ClauseId == group.Key.Clause && t.Action.Episode.Number == group.Key.Episode)
                .GroupBy(t => t.Sink)
                .Select(g => new TicketReference(g.Key, g.Select(t => t.RemoteId).FirstOrDefault(r => r is not null),
                    g.Any(t => t.Status == OutboxStatus.Dead) ? "dead" : g.Any(t => t.Status == OutboxStatus.Pending) ? "pending" : "delivered"))
                .ToList();
            episodes.Add(new BreachEpisodeReport(id, group.Key.Clause, breachedAt, acknowledged, end?.At, end?.To ?? during[^1].To,
                acknowledged is { } a ? (a - breachedAt).TotalSeconds : null,
                end is { To: "Recovered" } r ? (r.At - breachedAt).TotalSeconds : null,
                during.Max(t => t.EscalationLevel), refs));
        }
        return [.. episodes.OrderBy(e => e.BreachedAt)];
    }
}
