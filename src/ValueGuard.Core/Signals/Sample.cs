namespace ValueGuard.Core.Signals;

/// <summary>One measured value of a signal at an instant. Booleans are stored as 1 (true) and 0 (false).</summary>
public readonly record struct Sample(SignalId Signal, DateTimeOffset Timestamp, double Value)
{
    public static double FromBool(bool value) => value ? 1.0 : 0.0;
}
