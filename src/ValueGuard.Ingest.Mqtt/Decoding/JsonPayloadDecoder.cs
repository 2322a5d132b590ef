using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Decodes a JSON payload with a device profile: each signal's field path (<c>state.running</c>)
/// names a value; the timestamp field (if any) gives the measurement time, otherwise arrival time.
/// Missing fields yield no sample for that signal; a payload without any mapped field is rejected.
/// </summary>
public sealed class JsonPayloadDecoder
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

    public DecodeResult Decode(string device, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
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
                if (Find(doc.RootElement, timestampPath) is not { } tsElement || !TryTimestamp(tsElement, timestampMapping!.Unit, out timestamp))
                    return DecodeResult.Rejected("bad-timestamp", $"field '{timestampMapping!.Field}' is missing or not a {timestampMapping.Unit} timestamp");
            }
            var samples = new List<Sample>(signals.Length);
            foreach (var (mapping, path) in signals)
            {
                if (Find(doc.RootElement, path) is not { } element) continue;
                if (!TryValue(element, mapping.Kind, out var raw))
                {
                    return element.ValueKind == JsonValueKind.Number && mapping.Kind != SignalKind.Bool && !double.IsFinite(raw)
                        ? DecodeResult.Rejected("not-finite", $"field '{mapping.Field}' holds {element.GetRawText()}, which is not a finite number")
                        : DecodeResult.Rejected("wrong-type", $"field '{mapping.Field}' holds {element.ValueKind}, expected {mapping.Kind}");
                }
                samples.Add(new Sample(new SignalId(device, mapping.Name), timestamp, raw * mapping.Scale + mapping.Offset));
            }
            if (samples.Count == 0 && profile.Mqtt!.SkipWithoutSignals) return new DecodeResult([], null);
            return samples.Count == 0
                ? DecodeResult.Rejected("no-signals", $"none of the fields of profile '{profile.Name}' is in the payload")
                : new DecodeResult(samples, null);
        }
    }

    private static JsonElement? Find(JsonElement root, string[] path)
    {
        var current = root;
        foreach (var part in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return null;
        }
        return current;
    }

    private static bool TryValue(JsonElement element, SignalKind kind, out double value)
    {
        value = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                value = 1;
                return kind == SignalKind.Bool;
            case JsonValueKind.False:
                return kind == SignalKind.Bool;
            case JsonValueKind.Number:
                // System.Text.Json refuses numbers beyond double's range (1e400); they count as infinite.
                if (!element.TryGetDouble(out value)) value = double.PositiveInfinity;
                return double.IsFinite(value) && (kind != SignalKind.Bool || value is 0 or 1);
            default:
                return false;
        }
    }

    private static bool TryTimestamp(JsonElement element, TimestampUnit unit, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (unit == TimestampUnit.Iso8601)
            return element.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
        if (element.ValueKind != JsonValueKind.Number) return false;
        if (unit == TimestampUnit.Seconds && !element.TryGetInt64(out _))
        {
            // Fractional Unix seconds (Shelly's "ts": 1631266595.44), to the millisecond.
            if (!element.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds) > 253402300799) return false;
            timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * 1000) * TimeSpan.TicksPerMillisecond);
            return true;
        }
        if (!element.TryGetInt64(out var n)) return false;
        long ticks;
        try
        {
            ticks = unit switch
            {
                TimestampUnit.Seconds => checked(n * TimeSpan.TicksPerSecond),
                TimestampUnit.Milliseconds => checked(n * TimeSpan.TicksPerMillisecond),
                TimestampUnit.Microseconds => checked(n * 10),
                _ => n / 100,
            };
            timestamp = DateTimeOffset.UnixEpoch.AddTicks(ticks);
            return true;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
