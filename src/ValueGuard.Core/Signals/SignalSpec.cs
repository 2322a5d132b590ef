namespace ValueGuard.Core.Signals;

/// <summary>
/// What the evaluator must know about a signal: its kind and how long a value may be held
/// before the time counts as unknown.
/// </summary>
public sealed record SignalSpec(SignalId Id, SignalKind Kind, TimeSpan MaxGap, string? Unit = null)
{
    /// <summary>Used when a device profile does not say: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxGap = TimeSpan.FromMinutes(5);
}
