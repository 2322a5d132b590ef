using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Escalation;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;

namespace ValueGuard.Configuration.Sites;

/// <summary>Loads a site file and every profile and contract it names, collecting all errors.</summary>
public static class SiteModelLoader
{
    public static (SiteModel? Model, IReadOnlyList<ConfigError> Errors) Load(string siteFile)
    {
        var errors = new List<ConfigError>();
        var siteResult = SiteLoader.Load(siteFile, File.ReadAllText(siteFile));
        errors.AddRange(siteResult.Errors);
        if (siteResult.Value is not { } site) return (null, errors);

        var profiles = LoadProfiles(site, errors);
        var catalog = BuildCatalog(site, profiles, errors);
        var contracts = new List<Contract>();
        foreach (var file in site.ContractFiles)
        {
            if (!File.Exists(file))
            {
                errors.Add(new ConfigError(site.File, 1, 1, $"contract file '{file}' does not exist", "fix the path under 'contracts:'; paths are relative to the site file"));
                continue;
            }
            var result = ContractLoader.LoadFile(file, catalog, EscalationChoices.Of(site));
            errors.AddRange(result.Errors);
            if (result.Value is { } contract) contracts.Add(contract);
        }
        return errors.Count > 0 ? (null, errors) : (new SiteModel(site, profiles, contracts, catalog), errors);
    }

    public static Dictionary<string, DeviceProfile> LoadProfiles(SiteConfig site, List<ConfigError> errors)
    {
        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        foreach (var dir in site.ProfileDirectories)
        {
            if (!Directory.Exists(dir))
            {
                errors.Add(new ConfigError(site.File, 1, 1, $"device profile folder '{dir}' does not exist", "fix the path under 'device_profiles:'; paths are relative to the site file"));
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
            {
                var result = DeviceProfileLoader.LoadFile(file);
                errors.AddRange(result.Errors);
                if (result.Value is { } profile) profiles[profile.Name] = profile;
            }
        }
        return profiles;
    }

    public static SignalCatalog BuildCatalog(SiteConfig site, IReadOnlyDictionary<string, DeviceProfile> profiles, List<ConfigError> errors)
    {
        var specs = new List<SignalSpec>();
        foreach (var device in site.Devices)
        {
            if (!profiles.TryGetValue(device.Profile, out var profile))
            {
                errors.Add(new ConfigError(site.File, 1, 1, $"device '{device.Id}' uses profile '{device.Profile}', which is not in the profile folders",
                    $"known profiles: {string.Join(", ", profiles.Keys.Order())}"));
                continue;
            }
            CheckTransport(site, device, profile, errors);
            specs.AddRange(profile.Signals.Values.Select(s => new SignalSpec(new SignalId(device.Id, s.Name), s.Kind, s.MaxGap, s.Unit)));
        }
        return new SignalCatalog(specs);
    }

    private static void CheckTransport(SiteConfig site, DeviceConfig device, DeviceProfile profile, List<ConfigError> errors)
    {
        var at = device.Position;
        var kind = profile.Modbus is not null ? "modbus-rtu" : "ascii-line";
        if (profile.IsSerial && device.Port is null)
            errors.Add(new ConfigError(site.File, at.Line, at.Column, $"device '{device.Id}' uses {kind} profile '{profile.Name}' but names no serial port",
                site.SerialPorts.Count == 0
                    ? "add a 'serial:' list with the port and write port: on the device"
                    : $"add port: to the device; known ports: {string.Join(", ", site.SerialPorts.Select(p => p.Port))}"));
        if (!profile.IsSerial && (device.Port is not null || device.Slave is not null))
            errors.Add(new ConfigError(site.File, at.Line, at.Column, $"device '{device.Id}' has port or slave, but its profile '{profile.Name}' is not a serial profile",
                "remove port: and slave:, or use a profile with transport: modbus-rtu or ascii-line"));
        if (profile.Ascii is null || device.Port is null) return;
        if (device.Slave is not null)
            errors.Add(new ConfigError(site.File, at.Line, at.Column, $"device '{device.Id}' has a slave address, but its profile '{profile.Name}' is an ASCII line device",
                "remove slave:; an ASCII device has no address"));
        // An ASCII device talks whenever it likes: nothing else can share its line.
        var others = site.Devices.Where(d => d.Port == device.Port && d.Id != device.Id).Select(d => d.Id).ToList();
        if (others.Count > 0)
            errors.Add(new ConfigError(site.File, at.Line, at.Column, $"device '{device.Id}' is an ASCII line device on {device.Port}, which also carries {string.Join(", ", others)}",
                "give the ASCII device a serial port of its own"));
    }
}
