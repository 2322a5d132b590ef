using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Verdicts;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>The latest evaluation of one clause: result, verdict and commitment state.</summary>
public sealed record ClauseStatus(
    Contract Contract,
    Clause Clause,
    DateTimeOffset EvaluatedAt,
    KpiResult? Result,
    Verdict? Verdict,
    CommitmentSnapshot Snapshot);
