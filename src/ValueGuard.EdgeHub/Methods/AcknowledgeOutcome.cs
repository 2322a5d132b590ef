namespace ValueGuard.EdgeHub.Methods;

/// <summary>What an acknowledgement did.</summary>
public enum AcknowledgeOutcome
{
    /// <summary>The clause moved to Acknowledged; escalation stops.</summary>
    Acknowledged,

    /// <summary>The clause is not breached or escalated (or is already acknowledged): nothing to acknowledge.</summary>
    NotInBreach,

    /// <summary>No clause has that name.</summary>
    UnknownClause,

    /// <summary>More than one contract has a clause of that id: name it as contract/clause.</summary>
    Ambiguous,
}
