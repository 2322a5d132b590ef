using System.Buffers;
using System.Text;
using System.Text.Json;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Decodes a JSON payload carrying an array of readings (<c>mqtt.readings</c>): named readings
/// (<c>[{"name":"temp","value":1.5}, …]</c>, the name selecting the signal whose field equals it) or a batch of entries
/// (<c>{"readings":[{"ts":…,"temp":1}, …]}</c>, signals naming fields inside each entry), each item with its own time
/// when the profile says where it is. A bad item is rejected on its own (<see cref="DecodeResult.ItemRejections"/>) and
/// the other items are kept; only a payload that is not JSON, has no array where the profile says, or holds nothing
/// the profile maps is rejected whole.
/// </summary>
public sealed class JsonReadingsDecoder : IPayloadDecoder
{
    private readonly DeviceProfile profile;
    private readonly ReadingsMapping readings;
    private readonly TimestampMapping? messageTimestamp;
    private readonly string[]? messageTimestampPath;
    private readonly string[]? arrayPath;
    private readonly string[]? namePath;
    private readonly string[]? valuePath;
    private readonly string[]? itemTimestampPath;
    private readonly string[]? qualityPath;
    private readonly Dictionary<string, SignalMapping> signalByName;
    private readonly (SignalMapping Mapping, string[] Path)[] signalPaths;

    public JsonReadingsDecoder(DeviceProfile profile)
    {
        this.profile = profile;
        var mqtt = profile.Mqtt ?? throw new ArgumentException($"Profile {profile.Name} is not an MQTT profile.", nameof(profile));
        readings = mqtt.Readings ?? throw new ArgumentException($"Profile {profile.Name} has no mqtt.readings.", nameof(profile));
        messageTimestamp = mqtt.Timestamp;
        messageTimestampPath = messageTimestamp?.Field.Split('.');
        arrayPath = readings.Array?.Split('.');
        namePath = readings.Name?.Split('.');
        valuePath = readings.Value?.Split('.');
        itemTimestampPath = readings.Timestamp?.Field.Split('.');
        qualityPath = readings.Quality?.Split('.');
        signalByName = profile.Signals.Values.ToDictionary(s => s.Field, StringComparer.Ordinal);
        signalPaths = profile.Signals.Values.Select(s => (s, s.Field.Split('.'))).ToArray();
    }

    public bool HasDeviceTimestamp => itemTimestampPath is not null || messageTimestampPath is not null;

    public DecodeResult Decode(string device, ReadOnlySequence<byte> payload, DateTimeOffset arrival, DecodeContext? context = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = JsonPayloadDecoder.MaxDepth });
        }
        catch (JsonException e)
        {
            return DecodeResult.Rejected("invalid-json", e.Message);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var messageTime = arrival;
            if (messageTimestampPath is not null
                && (JsonFieldReader.Find(root, messageTimestampPath) is not { } ts || !JsonFieldReader.TryTimestamp(ts, messageTimestamp!.Unit, out messageTime)))
                return DecodeResult.Rejected("bad-timestamp", $"field '{messageTimestamp!.Field}' is missing or not {JsonFieldReader.Describe(messageTimestamp.Unit)}");
            JsonElement array;
            if (arrayPath is null) array = root;
            else if (JsonFieldReader.Find(root, arrayPath) is { } found) array = found;
            else return Nothing($"the payload has no field '{readings.Array}' holding the readings");
            if (array.ValueKind != JsonValueKind.Array)
                return DecodeResult.Rejected("wrong-type", $"{(readings.Array is null ? "the payload" : $"field '{readings.Array}'")} holds {array.ValueKind}, expected an array of readings");

            var samples = new List<Sample>(array.GetArrayLength() * (namePath is null ? signalPaths.Length : 1));
            var rejections = new List<ItemRejection>();
            var index = -1;
            foreach (var item in array.EnumerateArray())
            {
                index++;
                var before = samples.Count;
                var problem = DecodeItem(device, item, messageTime, samples);
                if (problem is null && context?.Limits is { } limits)
                {
                    // A sample outside the site's timestamp limits takes its item out, not the whole batch.
                    var check = limits.Check(new DecodeResult(samples.GetRange(before, samples.Count - before), null), arrival);
                    if (check.IsRejected) problem = (check.RejectReason!, check.RejectDetail!);
                }
                if (problem is not { } p) continue;
                samples.RemoveRange(before, samples.Count - before);
                rejections.Add(new ItemRejection(index, p.Reason, $"item {index}: {p.Detail}", Encoding.UTF8.GetBytes(item.GetRawText())));
            }
            if (samples.Count == 0 && rejections.Count == 0)
                return Nothing(index < 0 ? "the array of readings is empty" : $"none of the {index + 1} items holds a signal of profile '{profile.Name}'");
            return new DecodeResult(samples, null) { ItemRejections = rejections };
        }
    }

    /// <summary>Adds the item's samples; returns why the item is rejected instead, or null. A named reading the profile does not map adds nothing.</summary>
    private (string Reason, string Detail)? DecodeItem(string device, JsonElement item, DateTimeOffset messageTime, List<Sample> samples)
    {
        if (item.ValueKind != JsonValueKind.Object) return ("wrong-type", $"holds {item.ValueKind}, expected an object");
        var time = messageTime;
        if (itemTimestampPath is not null)
        {
            if (JsonFieldReader.Find(item, itemTimestampPath) is not { } ts)
                return ("bad-timestamp", $"has no field '{readings.Timestamp!.Field}' with its time");
            if (!JsonFieldReader.TryTimestamp(ts, readings.Timestamp!.Unit, out time))
                return ("bad-timestamp", $"field '{readings.Timestamp.Field}' holds {JsonFieldReader.Shorten(ts.GetRawText())}, expected {JsonFieldReader.Describe(readings.Timestamp.Unit)}");
        }
        if (qualityPath is not null && JsonFieldReader.Find(item, qualityPath) is { } quality && !IsGood(quality))
            return ("bad-quality", $"field '{readings.Quality}' holds {JsonFieldReader.Shorten(quality.GetRawText())}: the source marks the reading as bad");
        if (namePath is not null)
        {
            if (JsonFieldReader.Find(item, namePath) is not { } nameElement) return ("missing-field", $"has no field '{readings.Name}' naming the reading");
            if (nameElement.ValueKind != JsonValueKind.String) return ("wrong-type", $"field '{readings.Name}' holds {nameElement.ValueKind}, expected the reading's name as text");
            // Gateways publish many more tags than a profile maps; those are not errors.
            if (!signalByName.TryGetValue(nameElement.GetString()!, out var mapping)) return null;
            if (JsonFieldReader.Find(item, valuePath!) is not { } valueElement) return ("missing-field", $"reading '{mapping.Field}' has no field '{readings.Value}'");
            if (!JsonFieldReader.TryValue(valueElement, mapping, "reading", out var value, out var reason, out var detail)) return (reason, detail);
            samples.Add(new Sample(new SignalId(device, mapping.Name), time, value));
            return null;
        }
        var found = false;
        foreach (var (mapping, path) in signalPaths)
        {
            if (JsonFieldReader.Find(item, path) is not { } element) continue;
            if (!JsonFieldReader.TryValue(element, mapping, "field", out var value, out var reason, out var detail)) return (reason, detail);
            samples.Add(new Sample(new SignalId(device, mapping.Name), time, value));
            found = true;
        }
        // Like a whole JSON object without any of the profile's fields: a batch entry without one is rejected, unless skipped.
        return found || profile.Mqtt!.SkipWithoutSignals ? null : ("no-signals", $"holds none of the fields of profile '{profile.Name}'");
    }

    private static bool IsGood(JsonElement quality) => quality.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => quality.TryGetDouble(out var q) && q != 0,
        _ => false,
    };

    private DecodeResult Nothing(string detail) =>
        profile.Mqtt!.SkipWithoutSignals ? new DecodeResult([], null) : DecodeResult.Rejected("no-signals", detail);
}
