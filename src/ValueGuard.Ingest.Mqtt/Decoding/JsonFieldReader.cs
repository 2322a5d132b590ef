using System.Globalization;
using System.Text.Json;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>Reads field paths, signal values and timestamps out of JSON elements, with the rejection reason when one does not fit.</summary>
internal static class JsonFieldReader
{
    public static JsonElement? Find(JsonElement root, string[] path)
    {
        var current = root;
        foreach (var part in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return null;
        }
        return current;
    }

    /// <summary>
    /// The signal's value (raw × scale + offset), or the reason (<c>wrong-type</c>, <c>not-finite</c>) and what was wrong.
    /// <c>what</c> says what holds the value, for the detail: <c>field</c> or <c>reading</c> (named by the signal's field).
    /// </summary>
    public static bool TryValue(JsonElement element, SignalMapping mapping, string what, out double value, out string reason, out string detail)
    {
        reason = detail = string.Empty;
        if (!TryRaw(element, mapping, out var raw))
        {
            what = $"{what} '{mapping.Field}'";
            value = 0;
            if (element.ValueKind == JsonValueKind.Number && mapping.Kind != SignalKind.Bool && !double.IsFinite(raw))
            {
                reason = "not-finite";
                detail = $"{what} holds {element.GetRawText()}, which is not a finite number";
            }
            else
            {
                reason = "wrong-type";
                detail = mapping.Values is { } texts && element.ValueKind == JsonValueKind.String
                    ? $"{what} holds the text '{Shorten(element.GetString())}', expected {mapping.Kind} or one of {string.Join(", ", texts.Keys)}"
                    : $"{what} holds {element.ValueKind}, expected {mapping.Kind}";
            }
            return false;
        }
        value = raw * mapping.Scale + mapping.Offset;
        return true;
    }

    private static bool TryRaw(JsonElement element, SignalMapping mapping, out double value)
    {
        value = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                value = 1;
                return mapping.Kind == SignalKind.Bool;
            case JsonValueKind.False:
                return mapping.Kind == SignalKind.Bool;
            case JsonValueKind.Number:
                // System.Text.Json refuses numbers beyond double's range (1e400); they count as infinite.
                if (!element.TryGetDouble(out value)) value = double.PositiveInfinity;
                return double.IsFinite(value) && (mapping.Kind != SignalKind.Bool || value is 0 or 1);
            case JsonValueKind.String:
                return mapping.Values is { } texts && element.GetString() is { } text && texts.TryGetValue(text, out value);
            default:
                return false;
        }
    }

    public static bool TryTimestamp(JsonElement element, TimestampUnit unit, out DateTimeOffset timestamp)
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
        try
        {
            var ticks = unit switch
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

    /// <summary>What a timestamp field should hold, for rejection details.</summary>
    public static string Describe(TimestampUnit unit) => unit switch
    {
        TimestampUnit.Iso8601 => "an ISO-8601 text",
        TimestampUnit.Seconds => "Unix time in seconds",
        TimestampUnit.Milliseconds => "Unix time in milliseconds",
        TimestampUnit.Microseconds => "Unix time in microseconds",
        _ => "Unix time in nanoseconds",
    };

    public static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
