namespace ValueGuard.Core.Windows;

/// <summary>A half-open stretch of time <c>[From, To)</c> in UTC.</summary>
public readonly record struct TimeInterval(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To > From ? To - From : TimeSpan.Zero;
}
