using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Closing the finished periods of calendar clauses ("per calendar month").</summary>
public sealed partial class ClauseEvaluator
{
    /// <summary>
    /// A calendar clause's obligation is per period: once a period has ended (and the allowed lateness has
    /// passed) its final result over the whole period closes it, ClosedMet or ClosedMissed, recorded like any
    /// transition (written ahead, see <see cref="ClauseRecording"/>); the next period then starts afresh, keeping the episode count so episode ids stay unique.
    /// A period whose data cannot decide (indeterminate) is recorded as such and not closed either way.
    /// </summary>
    private async Task<CommitmentSnapshot> CloseFinishedPeriodsAsync(Contract contract, Clause clause, string definition, CommitmentSnapshot snapshot, DateTimeOffset at, CancellationToken ct)
    {
        if (clause.Window is not CalendarWindow calendar) return snapshot;
        var timeline = await calculator.TimelineForAsync(contract, clause, ct).ConfigureAwait(false);
        var loaded = snapshot;
        var pending = new List<PendingEvidence>();
        var transitions = new List<CommitmentTransition>();
        var results = new List<KpiResult>();
        foreach (var period in calendar.FinishedPeriods(snapshot.PeriodFrom, at - allowedLateness, timeline))
        {
            var result = await calculator.ComputeOverAsync(contract, clause, period, ct).ConfigureAwait(false);
            var verdict = VerdictRules.Decide(clause, result);
            var commitment = new Commitment(snapshot);
            var moves = new List<CommitmentTransition>(commitment.Apply(verdict, at));
            if (verdict != Verdict.Indeterminate) moves.AddRange(commitment.ClosePeriod(verdict is Verdict.Met or Verdict.AtRisk, at));
            foreach (var t in moves)
            {
                pending.Add(PrepareTransition(contract, clause, t, verdict, result, new ClauseCalculation(timeline, result, verdict)));
                transitions.Add(t);
                results.Add(result);
            }
            snapshot = CommitmentSnapshot.Initial(at) with { EpisodeNumber = commitment.Snapshot.EpisodeNumber, PeriodFrom = period.To };
        }
        if (snapshot.PeriodFrom is null && clause.Window.Resolve(at, timeline) is { } current) snapshot = snapshot with { PeriodFrom = current.From };
        if (snapshot == loaded && pending.Count == 0) return snapshot;
        var records = await recording.CommitAsync(contract.Id, clause.Id.Value, definition, snapshot, pending, ct).ConfigureAwait(false);
        for (var i = 0; i < transitions.Count; i++) LogRecorded(contract, clause, [transitions[i]], [records[i]], results[i]);
        return snapshot;
    }
}
