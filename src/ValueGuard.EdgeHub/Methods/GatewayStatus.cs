namespace ValueGuard.EdgeHub.Methods;

/// <summary>The gateway's state at an instant, as <c>getStatus</c> answers it.</summary>
public sealed record GatewayStatus(DateTimeOffset At, IReadOnlyList<ClauseStatusSummary> Clauses, BufferHealth Buffer);
