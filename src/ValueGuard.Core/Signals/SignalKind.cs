namespace ValueGuard.Core.Signals;

/// <summary>How a signal's values are to be read.</summary>
public enum SignalKind
{
    /// <summary>true/false, stored as 1/0.</summary>
    Bool,
    /// <summary>A measured number (temperature, power).</summary>
    Float,
    /// <summary>A monotonically increasing count; resets to a lower value are detected.</summary>
    Counter,
}
