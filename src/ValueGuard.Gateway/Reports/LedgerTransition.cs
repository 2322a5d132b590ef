namespace ValueGuard.Gateway.Reports;

/// <summary>One "transition" record of the evidence ledger, as a report reads it.</summary>
public sealed record LedgerTransition(DateTimeOffset At, string Contract, string Clause, string From, string To, int Episode, int EscalationLevel);
