namespace ValueGuard.Gateway.Web;

/// <summary>A ticket action the outbox gave up on: which sink, which episode action, how often tried, why it failed.</summary>
public sealed record DeadAction(long Id, string Sink, string Key, int Attempts, string? LastError);
