using System.Buffers;
using System.Globalization;
using System.Text;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Decodes a payload that is one value as text (<c>23.5</c>, <c>true</c>, <c>ON</c>), stamped with the arrival time.
/// The signal is the profile's only one, or the one whose field equals the topic's <c>{signal}</c> level. A signal's
/// <c>values</c> map fixed texts to numbers (<c>{ "ON": 1, "OFF": 0 }</c>, exact spelling); otherwise the text must be a
/// number, or for a bool signal <c>true</c>/<c>false</c> (any case), <c>1</c> or <c>0</c>.
/// </summary>
public sealed class PlainPayloadDecoder : IPayloadDecoder
{
    /// <summary>Longer payloads are not a single value; they are rejected without being read as text.</summary>
    public const int MaxValueBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly DeviceProfile profile;
    private readonly SignalMapping? only;
    private readonly Dictionary<string, SignalMapping>? byTopicLevel;

    public PlainPayloadDecoder(DeviceProfile profile)
    {
        this.profile = profile;
        var mqtt = profile.Mqtt ?? throw new ArgumentException($"Profile {profile.Name} is not an MQTT profile.", nameof(profile));
        if (mqtt.TopicNamesSignal) byTopicLevel = profile.Signals.Values.ToDictionary(s => s.Field, StringComparer.Ordinal);
        else only = profile.Signals.Values.Single();
    }

    public bool HasDeviceTimestamp => false;

    public DecodeResult Decode(string device, ReadOnlySequence<byte> payload, DateTimeOffset arrival, DecodeContext? context = null)
    {
        SignalMapping? mapping = only;
        if (byTopicLevel is not null && (context?.TopicSignal is not { } level || !byTopicLevel.TryGetValue(level, out mapping)))
            return Nothing($"the topic's signal level '{context?.TopicSignal}' is none of the fields of profile '{profile.Name}'");
        if (payload.Length > MaxValueBytes)
            return DecodeResult.Rejected("wrong-type", $"a plain payload of {payload.Length} bytes is not a single value (at most {MaxValueBytes} bytes)");
        string text;
        try
        {
            text = StrictUtf8.GetString(payload).Trim();
        }
        catch (DecoderFallbackException)
        {
            return DecodeResult.Rejected("wrong-type", "the payload is not UTF-8 text");
        }
        if (text.Length == 0) return Nothing("the payload is empty");
        if (!TryRead(text, mapping!, out var raw, out var reason))
        {
            var expected = mapping!.Kind == SignalKind.Bool ? "true, false, 1 or 0" : "a number";
            if (mapping.Values is { } texts) expected += " or one of " + string.Join(", ", texts.Keys);
            return DecodeResult.Rejected(reason, $"payload '{JsonFieldReader.Shorten(text)}' for signal '{mapping.Name}' is not {expected}");
        }
        return new DecodeResult([new Sample(new SignalId(device, mapping!.Name), arrival, raw * mapping.Scale + mapping.Offset)], null);
    }

    private static bool TryRead(string text, SignalMapping mapping, out double value, out string reason)
    {
        reason = "wrong-type";
        if (mapping.Values is { } texts && texts.TryGetValue(text, out value)) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            if (!double.IsFinite(value))
            {
                reason = "not-finite";
                return false;
            }
            return mapping.Kind != SignalKind.Bool || value is 0 or 1;
        }
        value = 0;
        if (mapping.Kind != SignalKind.Bool) return false;
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) value = 1;
        else if (!text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private DecodeResult Nothing(string detail) =>
        profile.Mqtt!.SkipWithoutSignals ? new DecodeResult([], null) : DecodeResult.Rejected("no-signals", detail);
}
