using ValueGuard.Escalation.TwoWay;

namespace ValueGuard.Gateway.Operators;

/// <summary>A ticket system read back for acknowledgements, and how often (a sink's <c>two_way.poll_every</c>).</summary>
public sealed record TwoWaySource(ITicketAcknowledgementSource Source, TimeSpan PollEvery);
