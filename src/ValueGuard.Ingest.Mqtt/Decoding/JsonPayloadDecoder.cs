using System.Buffers;
using System.Text.Json;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Decodes a JSON object payload with a device profile: each signal's field path (<c>state.running</c>)
/// names a value; the timestamp field (if any) gives the measurement time, otherwise arrival time.
/// Missing fields yield no sample for that signal; a payload without any mapped field is rejected.
/// </summary>
public sealed class JsonPayloadDecoder : IPayloadDecoder
{
    public const int MaxDepth = 32;

    private readonly DeviceProfile profile;
    private readonly TimestampMapping? timestampMapping;
    private readonly (SignalMapping Mapping, string[] Path)[] signals;
    private readonly string[]? timestampPath;

    public JsonPayloadDecoder(DeviceProfile profile)
    {
        this.profile = profile;
        signals = profile.Signals.Values.Select(s => (s, s.Field.Split('.'))).ToArray();
        timestampMapping = (profile.Mqtt ?? throw new ArgumentException($"Profile {profile.Name} is not an MQTT profile.", nameof(profile))).Timestamp;
        timestampPath = timestampMapping?.Field.Split('.');
    }

    /// <summary>Whether samples carry the device's timestamp (the profile names a timestamp field) rather than the arrival time.</summary>
    public bool HasDeviceTimestamp => timestampPath is not null;

    public DecodeResult Decode(string device, ReadOnlySequence<byte> payload, DateTimeOffset arrival, DecodeContext? context = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return DecodeResult.Rejected("invalid-json", e.Message);
        }
        using (doc)
        {
            var timestamp = arrival;
            if (timestampPath is not null)
            {
                if (JsonFieldReader.Find(doc.RootElement, timestampPath) is not { } tsElement || !JsonFieldReader.TryTimestamp(tsElement, timestampMapping!.Unit, out timestamp))
                    return DecodeResult.Rejected("bad-timestamp", $"field '{timestampMapping!.Field}' is missing or not a {timestampMapping.Unit} timestamp");
            }
            var samples = new List<Sample>(signals.Length);
            foreach (var (mapping, path) in signals)
            {
                if (JsonFieldReader.Find(doc.RootElement, path) is not { } element) continue;
                if (!JsonFieldReader.TryValue(element, mapping, "field", out var value, out var reason, out var detail))
                    return DecodeResult.Rejected(reason, detail);
                samples.Add(new Sample(new SignalId(device, mapping.Name), timestamp, value));
            }
            if (samples.Count == 0 && profile.Mqtt!.SkipWithoutSignals) return new DecodeResult([], null);
            return samples.Count == 0
                ? DecodeResult.Rejected("no-signals", $"none of the fields of profile '{profile.Name}' is in the payload")
                : new DecodeResult(samples, null);
        }
    }
}
