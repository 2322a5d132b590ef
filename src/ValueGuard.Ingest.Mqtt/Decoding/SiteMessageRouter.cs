using System.Buffers;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Mqtt.Topics;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Routes an MQTT message of a site to its device and profile by topic, and decodes it.
/// Only devices listed on the site are accepted.
/// </summary>
public sealed class SiteMessageRouter
{
    private readonly List<(TopicTemplate Template, Dictionary<string, JsonPayloadDecoder> DecoderByDevice)> routes = [];

    public SiteMessageRouter(SiteModel site)
    {
        var bound = new Dictionary<string, string> { ["site"] = site.Site.Id };
        // Devices on other transports (Modbus RTU) are read by the serial ingest.
        foreach (var group in site.Site.Devices.Where(d => site.ProfileOf(d).Mqtt is not null).GroupBy(d => site.ProfileOf(d).Mqtt!.Topic))
        {
            var decoders = group.ToDictionary(d => d.Id, d => new JsonPayloadDecoder(site.ProfileOf(d)), StringComparer.Ordinal);
            routes.Add((new TopicTemplate(group.Key, bound), decoders));
        }
    }

    /// <summary>The subscription filters that cover every device of the site.</summary>
    public IReadOnlyList<string> Filters => routes.Select(r => r.Template.Filter).Distinct().ToList();

    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
    {
        foreach (var (template, decoders) in routes)
        {
            if (template.Match(topic) is not { } captures || !captures.TryGetValue("device", out var device)) continue;
            return decoders.TryGetValue(device, out var decoder)
                ? decoder.Decode(device, payload, arrival)
                : DecodeResult.Rejected("unknown-device", $"device '{device}' in topic '{topic}' is not listed on the site");
        }
        return DecodeResult.Rejected("unknown-topic", $"topic '{topic}' matches no device profile of the site");
    }
}
