using ValueGuard.Core.Commitments;

namespace ValueGuard.Escalation.TwoWay;

/// <summary>
/// A ticket system that can be read back: whether a person has taken on (acknowledged, progressed, closed) the
/// ticket of a breach episode. The gateway polls it and turns a yes into an acknowledgement of the commitment.
/// </summary>
public interface ITicketAcknowledgementSource
{
    /// <summary>The name of the sink whose tickets this reads (the outbox's sink name).</summary>
    string Name { get; }

    /// <summary>
    /// The acknowledgement of the episode's ticket, or null when nobody has acknowledged it yet. <paramref name="remoteId"/>
    /// is what the sink returned when it delivered the episode's open action. Throws when the remote system fails.
    /// </summary>
    Task<TicketAcknowledgement?> FindAsync(BreachEpisodeId episode, string remoteId, CancellationToken cancellationToken);
}
