using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Replays a stretch of stored data through fresh commitments, step by step, and lists what would fire:
/// for field engineers before a contract is armed. Writes nothing: no state, no ledger, no tickets.
/// </summary>
public static class DryRun
{
    public static async Task<IReadOnlyList<DryRunEvent>> RunAsync(SiteModel site, ITimeSeriesStore store, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken ct, LostTime? lostTime = null)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), "The step must be positive.");
        var calculator = new ClauseCalculator(store, site.Catalog, lost: lostTime);
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
                    // As the gateway decides: hysteresis from the current state, the clause's debounce, flapping and period rules.
                    var held = verdict == Verdict.Met ? VerdictRules.Decide(clause, result, commitment.Snapshot.State) : verdict;
                    foreach (var t in commitment.Apply(held, at, clause.Rules).Concat(commitment.EscalateIfDue(new EscalationSchedule(contract.Escalation ?? site.Site.Escalation, contract.Zone), at)))
                    {
                        events.Add(new DryRunEvent(at, contract.Id, clause.Id.Value, t.From, t.To, held.Label(), result.FormatValue(), result.Coverage,
                            EscalationPlanner.ActionFor(t)));
                    }
                }
            }
        }
        return [.. events.OrderBy(e => e.At)];
    }
}
