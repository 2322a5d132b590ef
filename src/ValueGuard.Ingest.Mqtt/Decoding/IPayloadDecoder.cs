using System.Buffers;
using ValueGuard.Configuration.Profiles;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>Turns the payload of one device's MQTT message into samples, as its profile says (JSON object, readings array, plain value).</summary>
public interface IPayloadDecoder
{
    /// <summary>Whether samples carry the device's timestamp rather than the arrival time.</summary>
    bool HasDeviceTimestamp { get; }

    DecodeResult Decode(string device, ReadOnlySequence<byte> payload, DateTimeOffset arrival, DecodeContext? context = null);

    /// <summary>The decoder for a JSON or plain MQTT profile (Sparkplug B is decoded per site by <see cref="Sparkplug.SparkplugDecoder"/>).</summary>
    static IPayloadDecoder For(DeviceProfile profile) => profile.Mqtt switch
    {
        { Payload: PayloadFormat.Plain } => new PlainPayloadDecoder(profile),
        { Payload: PayloadFormat.Json, Readings: not null } => new JsonReadingsDecoder(profile),
        { Payload: PayloadFormat.Json } => new JsonPayloadDecoder(profile),
        _ => throw new ArgumentException($"Profile {profile.Name} has no JSON or plain MQTT payload.", nameof(profile)),
    };
}
