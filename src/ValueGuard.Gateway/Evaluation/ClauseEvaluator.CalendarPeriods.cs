using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Closing the finished periods of calendar clauses ("per calendar month").</summary>
public sealed partial class ClauseEvaluator
{
    /// <summary>
    /// A calendar clause's obligation is per period: once a period has ended (and the allowed lateness has
    /// passed) its final result over the whole period closes it, ClosedMet or ClosedMissed, recorded like any
    /// transition; the next period then starts afresh, keeping the episode count so episode ids stay unique.
    /// A period whose data cannot decide (indeterminate) is recorded as such and not closed either way.
    /// </summary>
    private async Task<CommitmentSnapshot> CloseFinishedPeriodsAsync(Contract contract, Clause clause, string definition, CommitmentSnapshot snapshot, DateTimeOffset at, CancellationToken ct)
    {
        if (clause.Window is not CalendarWindow calendar) return snapshot;
        var timeline = await calculator.TimelineForAsync(contract, clause, ct).ConfigureAwait(false);
        var loaded = snapshot;
        foreach (var period in calendar.FinishedPeriods(snapshot.PeriodFrom, at - allowedLateness, timeline))
        {
            var result = await calculator.ComputeOverAsync(contract, clause, period, ct).ConfigureAwait(false);
            var verdict = VerdictRules.Decide(clause, result);
            var commitment = new Commitment(snapshot);
            var transitions = new List<CommitmentTransition>(commitment.Apply(verdict, at));
            if (verdict != Verdict.Indeterminate) transitions.AddRange(commitment.ClosePeriod(verdict is Verdict.Met or Verdict.AtRisk, at));
            foreach (var t in transitions) await RecordAsync(contract, clause, t, verdict, result, new ClauseCalculation(timeline, result, verdict), ct).ConfigureAwait(false);
            snapshot = CommitmentSnapshot.Initial(at) with { EpisodeNumber = commitment.Snapshot.EpisodeNumber, PeriodFrom = period.To };
        }
        if (snapshot.PeriodFrom is null && clause.Window.Resolve(at, timeline) is { } current) snapshot = snapshot with { PeriodFrom = current.From };
        if (snapshot != loaded) await commitments.SaveAsync(contract.Id, clause.Id.Value, definition, snapshot, ct).ConfigureAwait(false);
        return snapshot;
    }
}
