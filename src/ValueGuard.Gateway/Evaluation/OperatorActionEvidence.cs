namespace ValueGuard.Gateway.Evaluation;

/// <summary>The body of an "operator-action" evidence record: what a person did to a clause, and why.</summary>
public sealed record OperatorActionEvidence(string Contract, string Clause, string Action, string Reason, int Episode)
{
    public const string Kind = "operator-action";
}
