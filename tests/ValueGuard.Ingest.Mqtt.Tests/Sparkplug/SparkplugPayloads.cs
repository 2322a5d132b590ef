using System.Buffers;
using Google.Protobuf;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;
using Metric = ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf.Payload.Types.Metric;

namespace ValueGuard.Ingest.Mqtt.Tests.Sparkplug;

/// <summary>Builds Sparkplug B payloads with the types generated from the published schema, as an edge node would.</summary>
internal static class SparkplugPayloads
{
    public const ulong Sent = 1486144502122; // the timestamp of the specification's examples

    public static ReadOnlySequence<byte> Encode(ulong? seq, params Metric[] metrics)
    {
        var payload = new Payload { Timestamp = Sent };
        if (seq is { } s) payload.Seq = s;
        payload.Metrics.AddRange(metrics);
        return new ReadOnlySequence<byte>(payload.ToByteArray());
    }

    public static Metric Bool(string? name, bool value, ulong? alias = null) => Named(new Metric { Datatype = 11, BooleanValue = value }, name, alias);

    public static Metric Float(string? name, float value, ulong? alias = null) => Named(new Metric { Datatype = 9, FloatValue = value }, name, alias);

    public static Metric Int64(string? name, long value, ulong? alias = null) => Named(new Metric { Datatype = 4, LongValue = (ulong)value }, name, alias);

    public static Metric UInt64(string? name, ulong value) => Named(new Metric { Datatype = 8, LongValue = value }, name, null);

    public static Metric Text(string name, string value) => Named(new Metric { Datatype = 12, StringValue = value }, name, null);

    private static Metric Named(Metric metric, string? name, ulong? alias)
    {
        metric.Timestamp = Sent;
        if (name is not null) metric.Name = name;
        if (alias is { } a) metric.Alias = a;
        return metric;
    }
}
