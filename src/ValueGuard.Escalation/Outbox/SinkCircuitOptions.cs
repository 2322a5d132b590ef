namespace ValueGuard.Escalation.Outbox;

/// <summary>
/// When the dispatcher stops calling a sink that keeps failing (a Polly circuit breaker per sink): after
/// <see cref="MinimumFailures"/> deliveries within <see cref="SamplingDuration"/> that all or mostly
/// (<see cref="FailureRatio"/>) failed, the sink is left alone for <see cref="BreakDuration"/>, then one
/// delivery probes it. Entries held back by an open circuit keep their attempt count.
/// </summary>
public sealed record SinkCircuitOptions
{
    public double FailureRatio { get; init; } = 0.5;

    public int MinimumFailures { get; init; } = 3;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FailureRatio is <= 0 or > 1) errors.Add($"circuit failure_ratio: {FailureRatio} is outside (0, 1]; use for example 0.5.");
        if (MinimumFailures < 2) errors.Add($"circuit minimum_failures: {MinimumFailures} is below 2; use for example 3.");
        if (SamplingDuration < TimeSpan.FromSeconds(0.5)) errors.Add($"circuit sampling_duration: {SamplingDuration} is below 0.5 s; use for example 2m.");
        if (BreakDuration < TimeSpan.FromSeconds(0.5)) errors.Add($"circuit break_duration: {BreakDuration} is below 0.5 s; use for example 60s.");
        return errors;
    }
}
