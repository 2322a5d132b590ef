namespace ValueGuard.Gateway.Web;

/// <summary>
/// What a person may do to a clause from the web UI, each with a reason that goes into the evidence ledger.
/// The web UI depends on this only, so the gateway's operator-action service can stand behind it.
/// </summary>
public interface IOperatorActions
{
    /// <summary>Acknowledges the clause's current breach: escalation stops, the ticket stays open until recovery.</summary>
    Task<OperatorActionResult> AcknowledgeAsync(string contract, string clause, string reason, CancellationToken cancellationToken);

    /// <summary>Silences the clause's escalation for a while.</summary>
    Task<OperatorActionResult> SnoozeAsync(string contract, string clause, string reason, TimeSpan duration, CancellationToken cancellationToken);
}
