namespace ValueGuard.Ingest.Mqtt.Sparkplug;

/// <summary>
/// What a host application remembers about one edge node between messages (Sparkplug 3.0, "Sparkplug Host
/// Application"): the last sequence number, the bdSeq of its birth, the metric aliases of the node and of each
/// device born under it.
/// </summary>
public sealed class SparkplugNodeSession
{
    /// <summary>Alias → (metric name, data type), for the node (key "") and each device (key = device id).</summary>
    private readonly Dictionary<string, BirthCertificate> aliases = new(StringComparer.Ordinal);

    /// <summary>The last seq seen (0..255); null before the first birth or after a death.</summary>
    public ulong? LastSeq { get; private set; }

    /// <summary>The bdSeq metric of the current NBIRTH; an NDEATH with another bdSeq belongs to an older session.</summary>
    public ulong? BirthBdSeq { get; set; }

    /// <summary>Devices with a DBIRTH and no DDEATH since, in birth order.</summary>
    public IEnumerable<string> LiveDevices => aliases.Keys.Where(k => k.Length > 0);

    /// <summary>Records a seq; true when it follows the previous one (or starts a session with an NBIRTH).</summary>
    public bool Advance(ulong seq, bool isNodeBirth)
    {
        var expected = LastSeq is { } last ? (last + 1) % 256 : seq;
        LastSeq = seq;
        return isNodeBirth || seq == expected;
    }

    public void Birth(string device, IEnumerable<(ulong? Alias, string Name, uint Datatype)> metrics)
    {
        var birth = new BirthCertificate();
        foreach (var (alias, name, datatype) in metrics)
        {
            if (alias is { } a) birth.ByAlias[a] = (name, datatype);
            birth.DatatypeByName[name] = datatype;
        }
        aliases[device] = birth;
    }

    public bool TryResolve(string device, ulong alias, out string name, out uint datatype)
    {
        name = string.Empty;
        datatype = 0;
        if (!aliases.TryGetValue(device, out var birth) || !birth.ByAlias.TryGetValue(alias, out var entry)) return false;
        (name, datatype) = entry;
        return true;
    }

    /// <summary>The datatype named at birth for a metric sent by name (0 when not known).</summary>
    public uint DatatypeOf(string device, string name) =>
        aliases.TryGetValue(device, out var birth) ? birth.DatatypeByName.GetValueOrDefault(name) : 0;

    public void DeviceDeath(string device) => aliases.Remove(device);

    /// <summary>The node and every device under it are offline; a new NBIRTH starts over.</summary>
    public void NodeDeath()
    {
        aliases.Clear();
        LastSeq = null;
        BirthBdSeq = null;
    }

    private sealed class BirthCertificate
    {
        public Dictionary<ulong, (string Name, uint Datatype)> ByAlias { get; } = [];

        public Dictionary<string, uint> DatatypeByName { get; } = new(StringComparer.Ordinal);
    }
}
