namespace ValueGuard.Gateway.Clock;

/// <summary>
/// The gateway's wall clock moved unlike the monotonic clock between two checks: at the second check it read
/// <see cref="To"/> where <see cref="From"/> was expected; <see cref="Delta"/> is <c>To - From</c>, negative for a backwards jump.
/// </summary>
public sealed record ClockJump(DateTimeOffset From, DateTimeOffset To, TimeSpan Delta)
{
    public bool IsBackwards => Delta < TimeSpan.Zero;
}
