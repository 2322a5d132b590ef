using System.Buffers;
using CsCheck;
using Google.Protobuf;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Sparkplug;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;
using ValueGuard.Testing;
using Metric = ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf.Payload.Types.Metric;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>
/// The Sparkplug B decoder against random bytes, damaged genuine payloads and hostile topics: nothing escapes it but a
/// result; a rejected message carries a reason, and samples only ever name the configured devices.
/// </summary>
public sealed class SparkplugFuzzTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = ["NBIRTH", "NDATA", "NDEATH", "DBIRTH", "DDATA", "DDEATH", "NCMD", "STATE", "ZZZ"];
    private static readonly HashSet<string> Devices = ["Raspberry Pi", "Pibrella"];

    private static SparkplugDecoder NewDecoder() => new([("Raspberry Pi", Shipped("sparkplug-b-edge-node.yaml")), ("Pibrella", Shipped("sparkplug-b-device.yaml"))]);

    private static DeviceProfile Shipped(string file)
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, file));
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    private static string Topic(string type, bool device) =>
        $"spBv1.0/Sparkplug B Devices/{type}/Raspberry Pi" + (device ? "/Pibrella" : "");

    private static byte[] Genuine(ulong seq, params Metric[] metrics)
    {
        var payload = new Payload { Timestamp = 1486144502122, Seq = seq };
        payload.Metrics.AddRange(metrics);
        return payload.ToByteArray();
    }

    private static readonly byte[][] GenuinePayloads =
    [
        Genuine(0, new Metric { Name = "bdSeq", Datatype = 8, LongValue = 0 }, new Metric { Name = "Supply Voltage", Datatype = 9, FloatValue = 12.1f }),
        Genuine(1, new Metric { Name = "Inputs/A", Alias = 1, Datatype = 11, BooleanValue = true }, new Metric { Name = "Properties/Hardware Make", Datatype = 12, StringValue = "Pibrella" }),
        Genuine(2, new Metric { Alias = 1, Datatype = 11, BooleanValue = false }, new Metric { Name = "Supply Voltage", Datatype = 9, FloatValue = float.NaN }),
        Genuine(3, new Metric { Name = "Node Control/Scan Rate", Datatype = 4, LongValue = ulong.MaxValue, Timestamp = ulong.MaxValue }),
    ];

    private static void AssertClean(DecodeResult result, Dictionary<string, int> rejects)
    {
        if (result.IsRejected)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
            lock (rejects) rejects[result.RejectReason!] = rejects.GetValueOrDefault(result.RejectReason!) + 1;
            return;
        }
        Assert.All(result.Samples, s => Assert.Contains(s.Signal.Device, Devices));
    }

    [Fact]
    public void Random_bytes_on_every_message_type_give_a_result_and_the_rejects_are_counted()
    {
        var decoder = NewDecoder();
        var rejects = new Dictionary<string, int>();
        Gen.Select(Gen.Byte.Array[0, 600], Gen.OneOf(Types), Gen.Bool).Sample((bytes, type, device) =>
            AssertClean(decoder.Decode(Topic(type, device), new ReadOnlySequence<byte>(bytes), Arrival), rejects), iter: 3000, threads: 1);

        Assert.NotEmpty(rejects);
        Assert.True(rejects.Values.Sum() > 1000, $"random bytes must mostly be rejected: {string.Join(", ", rejects)}");
    }

    [Fact]
    public void Damaged_genuine_payloads_after_a_birth_give_a_result()
    {
        var rejects = new Dictionary<string, int>();
        Gen.Select(Gen.Int[0, GenuinePayloads.Length - 1], ByteMutation.Some, Gen.OneOf(Types), Gen.Bool).Sample((which, mutate, type, device) =>
        {
            var decoder = NewDecoder();
            decoder.Decode(Topic("NBIRTH", false), new ReadOnlySequence<byte>(GenuinePayloads[0]), Arrival);
            decoder.Decode(Topic("DBIRTH", true), new ReadOnlySequence<byte>(GenuinePayloads[1]), Arrival);
            AssertClean(decoder.Decode(Topic(type, device), new ReadOnlySequence<byte>(mutate(GenuinePayloads[which])), Arrival), rejects);
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Hostile_topics_with_a_genuine_payload_give_no_samples()
    {
        var decoder = NewDecoder();
        var payload = new ReadOnlySequence<byte>(GenuinePayloads[0]);
        string[] topics =
        [
            "spBv1.0/" + string.Join('/', Enumerable.Repeat("x", 10_000)),
            "spBv1.0/Sparkplug B Devices/NBIRTH/" + new string('n', 100_000),
            "spBv1.0//NBIRTH/",
            "spBv1.0/Sparkplug B Devices/NBIRTH/Raspberry Pi/Pibrella/extra/levels",
            "spBv1.0/\0/NDATA/\u202E",
        ];

        foreach (var topic in topics)
        {
            var result = decoder.Decode(topic, payload, Arrival);
            // Rejected with a reason, or (a node this site does not know, on a shared broker) ignored: never a sample.
            Assert.Empty(result.Samples);
            if (result.IsRejected) Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
        }
    }

    [Fact]
    public void A_timestamp_beyond_the_year_9999_falls_back_to_the_arrival_time_instead_of_throwing()
    {
        // Found by the damaged-payload property: 317254447970666 ms passed the old range check and threw from FromUnixTimeMilliseconds.
        var decoder = NewDecoder();
        var birth = new Payload { Timestamp = 317254447970666, Seq = 0 };
        birth.Metrics.Add(new Metric { Name = "bdSeq", Datatype = 8, LongValue = 0 });
        birth.Metrics.Add(new Metric { Name = "Supply Voltage", Datatype = 9, FloatValue = 12.1f, Timestamp = 317254447970666 });

        var result = decoder.Decode(Topic("NBIRTH", false), new ReadOnlySequence<byte>(birth.ToByteArray()), Arrival);

        Assert.False(result.IsRejected, result.RejectDetail);
        Assert.All(result.Samples, s => Assert.Equal(Arrival, s.Timestamp));
    }
}
