using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>A transition a dry run found, with the ticket action it would cause.</summary>
public sealed record DryRunEvent(
    DateTimeOffset At,
    string ContractId,
    string ClauseId,
    CommitmentState From,
    CommitmentState To,
    string Verdict,
    string Value,
    double Coverage,
    EscalationActionKind? Action);
