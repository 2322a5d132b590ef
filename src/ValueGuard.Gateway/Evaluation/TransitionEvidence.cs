using ValueGuard.Core.Commitments;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>The body of a "transition" evidence record: the move and the KPI result behind it.</summary>
public sealed record TransitionEvidence(
    string Contract,
    string Clause,
    string From,
    string To,
    string Trigger,
    int Episode,
    int EscalationLevel,
    string Verdict,
    KpiEvidence? Kpi,
    string? Forecast = null)
{
    public static TransitionEvidence Of(string contract, string clause, CommitmentTransition t, Verdict verdict, KpiResult? result, string? forecast = null) =>
        new(contract, clause, t.From.ToString(), t.To.ToString(), t.Trigger.ToString(), t.EpisodeNumber, t.EscalationLevel, verdict.Label(),
            result is null ? null : KpiEvidence.Of(result), forecast);
}

/// <summary>A KPI result as recorded in evidence: enough to re-evaluate it from the raw data.</summary>
public sealed record KpiEvidence(double? Value, string Unit, double Coverage, DateTimeOffset WindowFrom, DateTimeOffset WindowTo, int Samples, string InputsSha256)
{
    public static KpiEvidence Of(KpiResult r) =>
        new(double.IsNaN(r.Value) ? null : r.Value, r.Unit.ToString().ToLowerInvariant(), r.Coverage, r.Window.From, r.Window.To, r.SampleCount, r.InputsSha256);
}

/// <summary>The body of a "contract-loaded" evidence record.</summary>
public sealed record ContractEvidence(string Contract, string Customer, string Sha256, int Clauses);

/// <summary>
/// The body of a "data-loss" evidence record for damaged bytes: <c>records_cut</c>/<c>samples_cut</c> count the cut records
/// that could still be read, <c>uncounted_bytes</c> what is known only in bytes (absent in records written before they existed).
/// </summary>
public sealed record DataLossEvidence(string Source, long LostBytes, int DamagedRegions, long? RecordsKept, string Explanation,
    long? RecordsCut = null, long? SamplesCut = null, long? UncountedBytes = null);
