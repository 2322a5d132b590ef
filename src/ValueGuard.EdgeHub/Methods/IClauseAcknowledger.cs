namespace ValueGuard.EdgeHub.Methods;

/// <summary>Acknowledges a breached clause for the <c>acknowledge</c> direct method: a named person takes it on, with a reason.</summary>
public interface IClauseAcknowledger
{
    Task<AcknowledgeOutcome> AcknowledgeAsync(ClauseAcknowledgement request, CancellationToken ct);
}
