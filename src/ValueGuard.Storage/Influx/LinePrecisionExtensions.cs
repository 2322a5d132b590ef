namespace ValueGuard.Storage.Influx;

/// <summary>Converts instants to line-protocol timestamps and names the precision on the wire.</summary>
public static class LinePrecisionExtensions
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>The value of the <c>precision</c> query parameter of <c>/write</c>.</summary>
    public static string QueryValue(this LinePrecision precision) => precision switch
    {
        LinePrecision.Nanoseconds => "ns",
        LinePrecision.Microseconds => "u",
        LinePrecision.Milliseconds => "ms",
        LinePrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>
    /// Time since the Unix epoch in this precision. Coarser precisions round toward the past, so an
    /// instant never moves into a later [from, to) window than the one it belongs to.
    /// </summary>
    public static long ToUnixTime(this LinePrecision precision, DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return precision switch
        {
            // 100 ns per tick: DateTimeOffset cannot hold finer times, so this is exact.
            LinePrecision.Nanoseconds => checked(ticks * 100),
            LinePrecision.Microseconds => FloorDivide(ticks, TicksPerMicrosecond),
            LinePrecision.Milliseconds => FloorDivide(ticks, TimeSpan.TicksPerMillisecond),
            LinePrecision.Seconds => FloorDivide(ticks, TimeSpan.TicksPerSecond),
            _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
        };
    }

    /// <summary>
    /// The coarsest precision that carries every one of these instants exactly (seconds, ms, µs, or ns, which
    /// carries any). Shorter timestamps are less for InfluxDB to read: devices mostly stamp whole milliseconds.
    /// </summary>
    public static LinePrecision CoarsestExact<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> instant)
    {
        var precision = LinePrecision.Seconds;
        for (var i = 0; i < items.Count && precision != LinePrecision.Nanoseconds; i++)
        {
            var ticks = instant(items[i]).UtcTicks;
            while (precision != LinePrecision.Nanoseconds && ticks % TicksPer(precision) != 0)
                precision = precision switch
                {
                    LinePrecision.Seconds => LinePrecision.Milliseconds,
                    LinePrecision.Milliseconds => LinePrecision.Microseconds,
                    _ => LinePrecision.Nanoseconds,
                };
        }
        return precision;
    }

    private static long TicksPer(LinePrecision precision) => precision switch
    {
        LinePrecision.Seconds => TimeSpan.TicksPerSecond,
        LinePrecision.Milliseconds => TimeSpan.TicksPerMillisecond,
        LinePrecision.Microseconds => TicksPerMicrosecond,
        _ => 1,
    };

    /// <summary>The instant of a nanosecond epoch time as InfluxDB returns it with <c>epoch=ns</c>.</summary>
    public static DateTimeOffset FromUnixNanoseconds(long nanoseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + FloorDivide(nanoseconds, 100), TimeSpan.Zero);

    private static long FloorDivide(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
