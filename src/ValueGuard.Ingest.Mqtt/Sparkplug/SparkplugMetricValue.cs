using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;

namespace ValueGuard.Ingest.Mqtt.Sparkplug;

/// <summary>
/// Reads a Sparkplug B metric's value as a number. The data type codes are those of the Sparkplug 3.0
/// specification (1 Int8 … 11 Boolean); signed types smaller than 64 bits travel sign-extended in the
/// uint32 <c>int_value</c>, Int64 as two's complement in <c>long_value</c>.
/// </summary>
public static class SparkplugMetricValue
{
    public const uint Int8 = 1, Int16 = 2, Int32 = 3, Int64 = 4, UInt8 = 5, UInt16 = 6, UInt32 = 7, UInt64 = 8, Float = 9, Double = 10, Boolean = 11;

    /// <summary>Reads the value for a signal of <paramref name="kind"/>; on failure <paramref name="problem"/> is a dead-letter reason.</summary>
    public static bool TryRead(Payload.Types.Metric metric, uint datatype, SignalKind kind, out double value, out string problem)
    {
        problem = "wrong-type";
        value = 0;
        var read = (datatype, metric.ValueCase) switch
        {
            (Int8, Payload.Types.Metric.ValueOneofCase.IntValue) => (sbyte)metric.IntValue,
            (Int16, Payload.Types.Metric.ValueOneofCase.IntValue) => (short)metric.IntValue,
            (Int32 or 0, Payload.Types.Metric.ValueOneofCase.IntValue) => (int)metric.IntValue,
            (UInt8 or UInt16 or UInt32, Payload.Types.Metric.ValueOneofCase.IntValue) => metric.IntValue,
            (Int64 or 0, Payload.Types.Metric.ValueOneofCase.LongValue) => (long)metric.LongValue,
            (UInt64, Payload.Types.Metric.ValueOneofCase.LongValue) => metric.LongValue,
            (Float or 0, Payload.Types.Metric.ValueOneofCase.FloatValue) => metric.FloatValue,
            (Double or 0, Payload.Types.Metric.ValueOneofCase.DoubleValue) => metric.DoubleValue,
            (Boolean or 0, Payload.Types.Metric.ValueOneofCase.BooleanValue) => metric.BooleanValue ? 1 : 0,
            _ => (double?)null,
        };
        if (read is not { } number) return false;
        if (!double.IsFinite(number))
        {
            problem = "not-finite";
            return false;
        }
        if (kind == SignalKind.Bool && number is not (0 or 1)) return false;
        value = number;
        return true;
    }
}
