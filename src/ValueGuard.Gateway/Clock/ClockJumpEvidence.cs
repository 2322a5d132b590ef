namespace ValueGuard.Gateway.Clock;

/// <summary>
/// The body of a "clock-jump" evidence record: the wall-clock time expected from the monotonic clock (<c>from</c>),
/// the time read instead (<c>to</c>), the difference in seconds (negative: backwards) and the threshold.
/// </summary>
public sealed record ClockJumpEvidence(DateTimeOffset From, DateTimeOffset To, double DeltaSeconds, double ThresholdSeconds, string Explanation)
{
    public static ClockJumpEvidence Of(ClockJump jump, TimeSpan threshold) =>
        new(jump.From, jump.To, jump.Delta.TotalSeconds, threshold.TotalSeconds,
            jump.IsBackwards
                ? "the gateway clock jumped backwards: samples and verdicts stamped just before may carry later times than those after"
                : "the gateway clock jumped forwards: time between from and to passed without the gateway observing it");
}
