namespace ValueGuard.Gateway.EdgeModule;

/// <summary>The body of an "acknowledgement" evidence record: who acknowledged which breach episode, and why.</summary>
public sealed record AcknowledgementEvidence(string Contract, string Clause, string From, string To, int Episode, string Actor, string Reason);
