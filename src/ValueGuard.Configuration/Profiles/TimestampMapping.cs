namespace ValueGuard.Configuration.Profiles;

/// <summary>A payload field holding the measurement time, as Unix time in <see cref="Unit"/> or ISO-8601 text.</summary>
public sealed record TimestampMapping(string Field, TimestampUnit Unit);

/// <summary>The unit of a payload timestamp.</summary>
public enum TimestampUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
    Iso8601,
}
