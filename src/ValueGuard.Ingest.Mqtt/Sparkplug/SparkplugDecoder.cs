using System.Buffers;
using Google.Protobuf;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.Ingest.Mqtt.Sparkplug.Protobuf;
using ValueGuard.Ingest.Mqtt.Topics;

namespace ValueGuard.Ingest.Mqtt.Sparkplug;

/// <summary>
/// Decodes the Sparkplug B messages of a site's devices as a (passive) host application: births bind metric
/// aliases to names and set the online signal; data messages map metrics (by name or alias) to signals;
/// deaths set the online signal to 0 for the node or device and, for an NDEATH, for every device born under it.
/// Sequence numbers are checked per edge node; a gap is counted, the data is still stored.
/// </summary>
public sealed class SparkplugDecoder
{
    private readonly List<(TopicTemplate Template, Dictionary<string, DeviceProfile> ProfileByDevice)> nodeRoutes = [];
    private readonly List<(TopicTemplate Template, Dictionary<string, DeviceProfile> ProfileByDevice)> deviceRoutes = [];
    private readonly List<TopicTemplate> nodesWithDevices = [];
    private readonly Dictionary<(string Group, string Node), SparkplugNodeSession> sessions = [];
    private readonly List<string> filters = [];
    private readonly Dictionary<string, Dictionary<string, SignalMapping[]>> signalsByMetric = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly DeviceProfile? anyDevice;
    private long sequenceGaps;

    // The last millisecond a DateTimeOffset holds (year 9999); a timestamp beyond it falls back like a missing one.
    private static readonly ulong MaxUnixMilliseconds = (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>A decoder that takes every device its topic template matches as one of <paramref name="profile"/> (for <c>probe mqtt</c>).</summary>
    public static SparkplugDecoder ForAnyDevice(DeviceProfile profile) => new([], profile);

    /// <param name="devices">The site's devices whose profile has <c>payload: sparkplug_b</c>.</param>
    public SparkplugDecoder(IEnumerable<(string DeviceId, DeviceProfile Profile)> devices)
        : this(devices, null)
    {
    }

    private SparkplugDecoder(IEnumerable<(string DeviceId, DeviceProfile Profile)> devices, DeviceProfile? anyDevice)
    {
        this.anyDevice = anyDevice;
        if (anyDevice is not null) devices = [("", anyDevice)];
        var list = devices.ToList();
        foreach (var profile in list.Select(d => d.Profile).DistinctBy(p => p.Name))
        {
            signalsByMetric[profile.Name] = profile.Signals.Values
                .Where(s => s.Field != DeviceProfileLoader.SparkplugOnlineField)
                .GroupBy(s => s.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        }
        foreach (var group in list.GroupBy(d => d.Profile.Mqtt!.Topic))
        {
            var template = new TopicTemplate(group.Key);
            var profiles = group.ToDictionary(d => d.DeviceId, d => d.Profile, StringComparer.Ordinal);
            var levels = group.Key.Split('/');
            if (levels.Length == 4)
            {
                nodeRoutes.Add((template, profiles));
                AddFilters(group.Key, SparkplugTopic.NodeMessageTypes);
            }
            else
            {
                deviceRoutes.Add((template, profiles));
                AddFilters(group.Key, SparkplugTopic.DeviceMessageTypes);
                // Node births, data and deaths carry the seq and end every device's session.
                var nodeTemplate = string.Join('/', levels[..4]);
                nodesWithDevices.Add(new TopicTemplate(nodeTemplate));
                AddFilters(nodeTemplate, SparkplugTopic.NodeMessageTypes);
            }
        }
    }

    public IReadOnlyList<string> Filters => filters;

    /// <summary>Messages whose seq did not follow the previous one of their edge node (lost or reordered).</summary>
    public long SequenceGaps => Interlocked.Read(ref sequenceGaps);

    public DecodeResult Decode(string topic, ReadOnlySequence<byte> payload, DateTimeOffset arrival)
    {
        if (SparkplugTopic.Parse(topic) is not { } address)
            return DecodeResult.Rejected("unknown-topic", $"topic '{topic}' is not a Sparkplug B node or device message");
        var (device, profile) = FindDevice(topic, address);
        if (profile is null && !(address.IsDeviceLevel == false && nodesWithDevices.Any(t => t.Match(topic) is not null)))
            return device is null
                ? DecodeResult.Rejected("unknown-topic", $"topic '{topic}' matches no device profile of the site")
                : DecodeResult.Rejected("unknown-device", $"device '{device}' in topic '{topic}' is not listed on the site");
        Payload message;
        try
        {
            message = Payload.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            return DecodeResult.Rejected("invalid-protobuf", e.Message);
        }
        var sentAt = message.HasTimestamp && message.Timestamp <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)message.Timestamp)
            : arrival;
        lock (gate)
        {
            var key = (address.Group, address.Node);
            if (!sessions.TryGetValue(key, out var session)) sessions[key] = session = new SparkplugNodeSession();
            var scope = address.Device ?? string.Empty;
            if (address.MessageType == "NDEATH") return NodeDeath(session, address, message, device, profile, sentAt);
            if (address.MessageType == "NBIRTH") session.NodeDeath();
            if (message.HasSeq && !session.Advance(message.Seq, address.MessageType == "NBIRTH")) Interlocked.Increment(ref sequenceGaps);
            switch (address.MessageType)
            {
                case "NBIRTH":
                    session.BirthBdSeq = message.Metrics.FirstOrDefault(m => m.Name == "bdSeq") is { } bd ? bd.LongValue : null;
                    goto case "DBIRTH";
                case "DBIRTH":
                    session.Birth(scope, message.Metrics.Where(m => m.HasName).Select(m => (m.HasAlias ? m.Alias : (ulong?)null, m.Name, m.Datatype)));
                    return Samples(session, scope, device, profile, message, sentAt, online: true);
                case "DDEATH":
                    session.DeviceDeath(scope);
                    return Samples(session, scope, device, profile, new Payload(), sentAt, online: false);
                default:
                    return Samples(session, scope, device, profile, message, sentAt, online: null);
            }
        }
    }

    private DecodeResult NodeDeath(SparkplugNodeSession session, SparkplugTopic address, Payload message, string? device, DeviceProfile? profile, DateTimeOffset at)
    {
        // The broker publishes the will of a session that ended long ago when it finally notices; a bdSeq
        // that is not the current birth's must not take a living node offline.
        var bdSeq = message.Metrics.FirstOrDefault(m => m.Name == "bdSeq")?.LongValue;
        if (bdSeq is not null && session.BirthBdSeq is { } current && bdSeq != current) return new DecodeResult([], null);
        var samples = new List<Sample>();
        if (profile?.Mqtt!.OnlineSignal is { } nodeOnline) samples.Add(new Sample(new SignalId(device!, nodeOnline), at, 0));
        foreach (var child in session.LiveDevices)
        {
            if (FindDevice($"{SparkplugTopic.Namespace}/{address.Group}/DDEATH/{address.Node}/{child}", address with { Device = child }) is ({ } id, { } childProfile)
                && childProfile.Mqtt!.OnlineSignal is { } online)
                samples.Add(new Sample(new SignalId(id, online), at, 0));
        }
        session.NodeDeath();
        return new DecodeResult(samples, null);
    }

    private DecodeResult Samples(SparkplugNodeSession session, string scope, string? device, DeviceProfile? profile, Payload message, DateTimeOffset sentAt, bool? online)
    {
        if (profile is null) return new DecodeResult([], null);
        var samples = new List<Sample>(message.Metrics.Count + 1);
        if (online is { } state && profile.Mqtt!.OnlineSignal is { } onlineSignal) samples.Add(new Sample(new SignalId(device!, onlineSignal), sentAt, state ? 1 : 0));
        foreach (var metric in message.Metrics)
        {
            string name;
            uint datatype;
            if (metric.HasName)
            {
                name = metric.Name;
                datatype = metric.HasDatatype ? metric.Datatype : session.DatatypeOf(scope, name);
            }
            else if (!metric.HasAlias || !session.TryResolve(scope, metric.Alias, out name, out datatype))
            {
                return DecodeResult.Rejected("sparkplug-unknown-alias", metric.HasAlias
                    ? $"alias {metric.Alias} was not defined by a birth certificate of '{device}' (waiting for a rebirth)"
                    : "a metric has neither name nor alias");
            }
            if (!signalsByMetric[profile.Name].TryGetValue(name, out var mappings)) continue;
            if (metric.IsNull || metric.ValueCase == Payload.Types.Metric.ValueOneofCase.None) continue;
            var at = metric.HasTimestamp && metric.Timestamp <= MaxUnixMilliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)metric.Timestamp)
                : sentAt;
            foreach (var mapping in mappings)
            {
                if (!SparkplugMetricValue.TryRead(metric, datatype, mapping.Kind, out var raw, out var problem))
                    return DecodeResult.Rejected(problem, $"metric '{name}' holds {metric.ValueCase} (datatype {datatype}), expected a finite {mapping.Kind}");
                samples.Add(new Sample(new SignalId(device!, mapping.Name), at, raw * mapping.Scale + mapping.Offset));
            }
        }
        return new DecodeResult(samples, null);
    }

    private (string? Device, DeviceProfile? Profile) FindDevice(string topic, SparkplugTopic address)
    {
        string? named = null;
        foreach (var (template, profiles) in address.IsDeviceLevel ? deviceRoutes : nodeRoutes)
        {
            if (template.Match(topic) is not { } captures || !captures.TryGetValue("device", out var device)) continue;
            if (profiles.TryGetValue(device, out var profile) || (anyDevice is not null && (profile = anyDevice) is not null)) return (device, profile);
            named = device;
        }
        return (named, null);
    }

    private void AddFilters(string template, string[] messageTypes)
    {
        foreach (var type in messageTypes)
        {
            var filter = new TopicTemplate(template, new Dictionary<string, string> { ["message_type"] = type }).Filter;
            if (!filters.Contains(filter)) filters.Add(filter);
        }
    }
}
