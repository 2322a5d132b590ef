namespace ValueGuard.Escalation.TwoWay;

/// <summary>
/// A person's acknowledgement read from a ticket system: which ticket (<c>Redmine #123</c>), who, and what they did
/// (<c>status In Progress</c>), for the evidence ledger's reason.
/// </summary>
public sealed record TicketAcknowledgement(string Ticket, string By, string What)
{
    /// <summary>The reason recorded with the acknowledgement, e.g. "acknowledged in Redmine #123 by Li Wei (status In Progress)".</summary>
    public string Reason => $"acknowledged in {Ticket} by {By} ({What})";
}
