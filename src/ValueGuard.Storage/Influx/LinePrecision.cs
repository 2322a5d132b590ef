namespace ValueGuard.Storage.Influx;

/// <summary>The unit of line-protocol timestamps, as InfluxDB's <c>precision</c> parameter names it.</summary>
public enum LinePrecision
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}
