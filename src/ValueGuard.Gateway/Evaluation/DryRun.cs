using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Replays a stretch of stored data through fresh commitments, step by step, and lists what would fire:
/// for field engineers before a contract is armed. Writes nothing: no state, no ledger, no tickets.
/// </summary>
public static class DryRun
{
    public static async Task<IReadOnlyList<DryRunEvent>> RunAsync(SiteModel site, ITimeSeriesStore store, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken ct)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), "The step must be positive.");
        var calculator = new ClauseCalculator(store, site.Catalog);
        var events = new List<DryRunEvent>();
        foreach (var contract in site.Contracts)
        {
            foreach (var clause in contract.Clauses)
            {
                var commitment = new Commitment(CommitmentSnapshot.Initial(from));
                for (var at = from + step; at <= to; at += step)
                {
                    var c = await calculator.CalculateAsync(contract, clause, at, ct).ConfigureAwait(false);
                    if (c is not { Result: { } result, Verdict: { } verdict }) continue;
                    foreach (var t in commitment.Apply(verdict, at).Concat(commitment.EscalateIfDue(new EscalationSchedule(contract.Escalation ?? site.Site.Escalation, contract.Zone), at)))
                    {
                        events.Add(new DryRunEvent(at, contract.Id, clause.Id.Value, t.From, t.To, verdict.Label(), result.FormatValue(), result.Coverage,
                            EscalationPlanner.ActionFor(t)));
                    }
                }
            }
        }
        return [.. events.OrderBy(e => e.At)];
    }
}
