using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Escalation;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Escalation;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Sites;

/// <summary>Loads and validates a site YAML file (not the files it names; see <see cref="SiteModelLoader"/>).</summary>
public static class SiteLoader
{
    public static ConfigResult<SiteConfig> Load(string file, string text)
    {
        var errors = new ErrorList(file);
        var root = YamlDocumentLoader.Load(file, text, errors);
        if (root is null) return new(null, errors.Errors);
        var site = Read(file, root, errors);
        return new(errors.Any ? null : site, errors.Errors);
    }

    private static SiteConfig? Read(string file, YamlMappingNode root, ErrorList errors)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        string Resolve(string p) => Path.GetFullPath(Path.Combine(baseDir, p));
        var r = new MappingReader(root, "site", errors, "site", "description", "broker", "data_dir", "device_profiles", "contracts", "devices", "tickets", "escalation", "evaluate_every", "allowed_lateness", "store", "serial", "metrics", "web", "ingest", "reports");
        var id = r.String("site", required: true);
        var broker = ReadBroker(r, errors, Resolve);
        var dataDir = Resolve(r.String("data_dir") ?? "data");
        var profileDirs = Strings(r.Sequence("device_profiles", required: true), errors).Select(Resolve).ToList();
        var contracts = Strings(r.Sequence("contracts"), errors).Select(Resolve).ToList();
        var serialPorts = SerialSectionReader.ReadPorts(r);
        var devices = new List<DeviceConfig>();
        if (r.Sequence("devices", required: true) is { } deviceList)
        {
            foreach (var item in deviceList.Children)
            {
                if (item is not YamlMappingNode map) { errors.Add(item, "devices: each device is a mapping { id: …, profile: … }"); continue; }
                var dr = new MappingReader(map, "device", errors, "id", "profile", "description", "port", "slave");
                var deviceId = dr.String("id", required: true);
                var profile = dr.String("profile", required: true);
                if (deviceId is not null && devices.Any(d => d.Id == deviceId)) errors.Add(map, $"device '{deviceId}' is listed twice", "give every device its own id");
                var device = SerialSectionReader.ReadDevice(dr, new DeviceConfig(deviceId ?? "", profile ?? "") { Position = new((int)map.Start.Line, (int)map.Start.Column) }, serialPorts);
                if (deviceId is not null && profile is not null) devices.Add(device);
            }
        }
        var sinks = new List<TicketSinkConfig>();
        if (r.Mapping("tickets") is { } tickets)
        {
            var tr = new MappingReader(tickets, "tickets", errors, "sinks");
            foreach (var item in tr.Sequence("sinks", required: true)?.Children ?? [])
            {
                if (item is not YamlMappingNode map) { errors.Add(item, "tickets: each sink is a mapping { name: …, kind: file, path: … }"); continue; }
                if (TicketSinkReader.Read(map, errors, dataDir, Resolve) is { } read)
                {
                    var sink = TwoWaySectionReader.Apply(map, read, errors, Resolve);
                    if (sinks.Any(x => x.Name == sink.Name)) errors.Add(map, $"ticket sink '{sink.Name}' is listed twice", "give every sink its own name");
                    else sinks.Add(sink);
                }
            }
        }
        (EscalationPolicy policy, IReadOnlyDictionary<string, EscalationPolicy> policies) = r.Mapping("escalation") is { } esc
            ? SiteEscalationReader.Read(esc, errors, [.. sinks.Select(x => x.Name)], [.. sinks.Where(x => x.OpensTickets).Select(x => x.Name)])
            : (EscalationPolicy.Default, new Dictionary<string, EscalationPolicy>());
        var every = r.Duration("evaluate_every") ?? TimeSpan.FromMinutes(1);
        var lateness = r.Duration("allowed_lateness");
        var store = ReadStore(r, errors, Resolve);
        var metrics = ReadMetrics(r, errors);
        var web = WebSectionReader.Read(r, Resolve);
        var ingest = IngestSectionReader.Read(r);
        var reports = ReportsSectionReader.ReadBaseUrl(r);
        if (id is null) return null;
        var site = new SiteConfig(id, Path.GetFullPath(file), broker, dataDir, devices, profileDirs, contracts, sinks, policy, every) { Store = store, SerialPorts = serialPorts, Metrics = metrics, EscalationPolicies = policies, Web = web, Ingest = ingest, ReportsBaseUrl = reports };
        return lateness is { } l ? site with { AllowedLateness = l } : site;
    }

    private static StoreConfig? ReadStore(MappingReader site, ErrorList errors, Func<string, string> resolve)
    {
        if (site.Mapping("store") is not { } node) return null;
        var r = new MappingReader(node, "store", errors, "kind", "url", "database", "retention_policy", "username", "password_file", "token_file", "spool");
        var kind = r.Scalar("kind", required: true);
        if (kind is null || kind.Value == "embedded") return null;
        if (kind.Value != "influxdb")
        {
            errors.Add(kind, $"store: kind '{kind.Value}' is not known", "use embedded (the default) or influxdb");
            return null;
        }
        var url = r.Scalar("url", required: true);
        var database = r.String("database", required: true);
        if (url is null || database is null) return null;
        if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(url, $"store: url '{url.Value}' is not an HTTP URL", "write http://host:8086");
            return null;
        }
        string? File(string key) => r.String(key) is { } p ? resolve(p) : null;
        var spool = SpoolSectionReader.Read(r);
        return new StoreConfig(uri, database, r.String("retention_policy"), r.String("username"), File("password_file"), File("token_file")) { Spool = spool };
    }

    private static MetricsConfig? ReadMetrics(MappingReader site, ErrorList errors)
    {
        if (site.Mapping("metrics") is not { } node) return null;
        var r = new MappingReader(node, "metrics", errors, "listen");
        if (r.Scalar("listen") is not { Value: { } listen } scalar) return new MetricsConfig(MetricsConfig.DefaultHost, MetricsConfig.DefaultPort);
        var colon = listen.LastIndexOf(':');
        var host = colon < 0 ? MetricsConfig.DefaultHost : listen[..colon];
        var portText = colon < 0 ? listen : listen[(colon + 1)..];
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || host.Length == 0)
        {
            errors.Add(scalar, $"metrics: 'listen' value '{listen}' is not host:port", "write 127.0.0.1:9464 (loopback, the default host) or a port alone");
            return null;
        }
        return new MetricsConfig(host, port);
    }

    private static BrokerConfig? ReadBroker(MappingReader site, ErrorList errors, Func<string, string> resolve)
    {
        if (site.Mapping("broker") is not { } node) return null;
        var r = new MappingReader(node, "broker", errors, "url", "client_id", "username", "password_file", "ca_file", "client_cert_file", "client_key_file");
        var url = r.Scalar("url", required: true);
        if (url is null) return null;
        if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts"))
        {
            errors.Add(url, $"broker: url '{url.Value}' is not an MQTT URL", "write mqtt://host:1883 or mqtts://host:8883");
            return null;
        }
        string? File(string key) => r.String(key) is { } p ? resolve(p) : null;
        var tlsKeys = new[] { "ca_file", "client_cert_file", "client_key_file" };
        if (uri.Scheme != "mqtts" && tlsKeys.FirstOrDefault(r.Has) is { } tlsKey)
            errors.Add(r.Get(tlsKey)!, $"broker: '{tlsKey}' applies to TLS only", "write the url as mqtts://host:8883, or remove the TLS settings");
        if (r.Has("client_cert_file") != r.Has("client_key_file"))
            errors.Add(node, "broker: a client certificate needs both client_cert_file and client_key_file", "name the PEM certificate and its PEM private key");
        return new BrokerConfig(uri, r.String("client_id") ?? "valueguard", r.String("username"), File("password_file"),
            File("ca_file"), File("client_cert_file"), File("client_key_file"));
    }

    private static IEnumerable<string> Strings(YamlSequenceNode? seq, ErrorList errors)
    {
        foreach (var item in seq?.Children ?? [])
        {
            if (item is YamlScalarNode { Value: { } v }) yield return v;
            else errors.Add(item, "expected a plain value in this list");
        }
    }
}
