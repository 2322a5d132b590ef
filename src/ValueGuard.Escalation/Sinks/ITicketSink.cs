using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// A system that receives escalation actions (a ticket system, a chat, email). Delivering the same
/// action twice must not create a second ticket: sinks look the ticket up by its key first.
/// </summary>
public interface ITicketSink
{
    string Name { get; }

    /// <summary>Delivers one action; returns the remote ticket's id. Throws when the remote system fails.</summary>
    Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken);
}
