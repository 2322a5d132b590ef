namespace ValueGuard.Core.Windows;

/// <summary>What a window's start is counted from.</summary>
public enum WindowAnchor
{
    GoLive,
    /// <summary>The first sample of any of the clause's signals ("72 h after first power-on").</summary>
    FirstSignal,
    /// <summary>A fixed instant written in the contract.</summary>
    Instant,
}
