using System.Buffers;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Mqtt.Sparkplug;
using ValueGuard.Ingest.Mqtt.Topics;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Routes an MQTT message of a site to its device and profile by topic, and decodes it (<see cref="IPayloadDecoder"/>).
/// Only devices listed on the site are accepted. Sparkplug B topics (<c>spBv1.0/…</c>) go to one
/// <see cref="SparkplugDecoder"/> for the whole site, since an edge node's births and deaths concern all its devices.
/// Device timestamps are checked against the receive time: their skew is tracked per device (<see cref="ClockSkew"/>)
/// and a message with a sample outside the site's <see cref="TimestampLimits"/> is rejected.
/// </summary>
public sealed class SiteMessageRouter
{
    private readonly List<(TopicTemplate Template, Dictionary<string, IPayloadDecoder>.AlternateLookup<ReadOnlySpan<char>> DecoderByDevice)> routes = [];
    private readonly DecodeContext withoutTopicSignal;
    private readonly SparkplugDecoder? sparkplug;

    /// <summary>Payloads above this size are rejected (<c>oversize</c>) before decoding: 1 MiB.</summary>
    public const int DefaultMaxPayloadBytes = 1024 * 1024;

    private readonly int maxPayloadBytes;

    /// <summary>Routes the site's devices; <paramref name="limits"/> defaults to the site's <c>ingest:</c> section.</summary>
    public SiteMessageRouter(SiteModel site, int maxPayloadBytes = DefaultMaxPayloadBytes, TimestampLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 1);
        this.maxPayloadBytes = maxPayloadBytes;
        Limits = limits ?? new TimestampLimits(site.Site.Ingest.MaxFuture, site.Site.Ingest.MaxPast);
        var bound = new Dictionary<string, string> { ["site"] = site.Site.Id };
        // Devices on other transports (Modbus RTU) are read by the serial ingest.
        var mqttDevices = site.Site.Devices.Where(d => site.ProfileOf(d).Mqtt is not null).ToList();
        var sparkplugDevices = mqttDevices.Where(d => site.ProfileOf(d).Mqtt!.Payload == PayloadFormat.SparkplugB).ToList();
        if (sparkplugDevices.Count > 0) sparkplug = new SparkplugDecoder(sparkplugDevices.Select(d => (d.Id, site.ProfileOf(d))));
        foreach (var group in mqttDevices.Except(sparkplugDevices).GroupBy(d => site.ProfileOf(d).Mqtt!.Topic))
        {
            var decoders = group.ToDictionary(d => d.Id, d => IPayloadDecoder.For(site.ProfileOf(d)), StringComparer.Ordinal);
            routes.Add((new TopicTemplate(group.Key, bound), decoders.GetAlternateLookup<ReadOnlySpan<char>>()));
        }
        withoutTopicSignal = new DecodeContext(null, Limits);
    }

    /// <summary>The subscription filters that cover every device of the site.</summary>
    public IReadOnlyList<string> Filters => routes.Select(r => r.Template.Filter).Concat(sparkplug?.Filters ?? []).Distinct().ToList();

    /// <summary>How far device timestamps may lie from the receive time.</summary>
    public TimestampLimits Limits { get; }

    /// <summary>Per device, the skew of device timestamps against the receive time, of every message decoded (also those then rejected for it).</summary>
    public ClockSkewTracker ClockSkew { get; } = new();

    /// <summary>The site's Sparkplug B decoder, when a device uses a <c>payload: sparkplug_b</c> profile.</summary>
    public SparkplugDecoder? Sparkplug => sparkplug;

    /// <summary>Decodes a message; every result names the device of its topic when the topic names one.</summary>
    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
    {
        if (sparkplug is not null && topic.StartsWith(SparkplugTopic.Namespace + "/", StringComparison.Ordinal))
        {
            var address = SparkplugTopic.Parse(topic);
            var device = address?.Device ?? address?.Node;
            if (payload.Length > maxPayloadBytes) return Oversize(payload, device);
            return Checked(sparkplug.Decode(topic, payload, arrival) with { Device = device }, arrival, deviceTimestamps: true);
        }
        foreach (var (template, decoders) in routes)
        {
            // The hot path of ingest: the topic is matched and its device looked up without allocating.
            if (!template.HasDevice || !template.TryMatch(topic, out var deviceLevel, out var signalLevel)) continue;
            if (!decoders.TryGetValue(topic.AsSpan(deviceLevel), out var device, out var decoder))
            {
                var named = topic[deviceLevel];
                return DecodeResult.Rejected("unknown-device", $"device '{named}' in topic '{Shorten(topic)}' is not listed on the site") with { Device = named };
            }
            if (payload.Length > maxPayloadBytes) return Oversize(payload, device);
            var context = signalLevel.Equals(default(Range)) ? withoutTopicSignal : new DecodeContext(topic[signalLevel], Limits);
            return Checked(decoder.Decode(device, payload, arrival, context) with { Device = device }, arrival, decoder.HasDeviceTimestamp);
        }
        return DecodeResult.Rejected("unknown-topic", $"topic '{Shorten(topic)}' matches no device profile of the site");
    }

    private DecodeResult Checked(DecodeResult decoded, DateTimeOffset arrival, bool deviceTimestamps)
    {
        // Samples stamped with the arrival time (a profile without a timestamp field) say nothing about the device's clock.
        if (deviceTimestamps && !decoded.IsRejected && decoded.Device is { } device) ClockSkew.Record(device, decoded.Samples, arrival);
        return Limits.Check(decoded, arrival);
    }

    private DecodeResult Oversize(ReadOnlySequence<byte> payload, string? device) =>
        DecodeResult.Rejected("oversize", $"payload of {payload.Length} bytes is over the limit of {maxPayloadBytes} bytes") with { Device = device };

    /// <summary>A topic fit for a log line and a dead-letter record: at most 200 characters.</summary>
    private static string Shorten(string topic) => topic.Length <= 200 ? topic : string.Concat(topic.AsSpan(0, 200), $"… ({topic.Length} characters)");
}
