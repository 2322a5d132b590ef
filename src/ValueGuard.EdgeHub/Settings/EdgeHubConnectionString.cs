namespace ValueGuard.EdgeHub.Settings;

/// <summary>
/// Parses the dev-tool form <c>HostName=…;GatewayHostName=…;DeviceId=…;ModuleId=…;SharedAccessKey=…</c>
/// (iotedgehubdev, the 2017-18 preview). The key is the base64 module key; tokens are signed locally.
/// </summary>
public static class EdgeHubConnectionString
{
    public static EdgeModuleSettings Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The key is base64 and may end in '=': split at the first '=' only.
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) throw new EdgeModuleSettingsException($"EdgeHubConnectionString: '{part}' is not a Name=value pair");
            fields[part[..at]] = part[(at + 1)..];
        }
        string Need(string name) => fields.TryGetValue(name, out var v) && v.Length > 0
            ? v
            : throw new EdgeModuleSettingsException($"EdgeHubConnectionString has no {name}=…; it needs HostName, GatewayHostName, DeviceId, ModuleId and SharedAccessKey");
        byte[] key;
        try { key = Convert.FromBase64String(Need("SharedAccessKey")); }
        catch (FormatException) { throw new EdgeModuleSettingsException("EdgeHubConnectionString: SharedAccessKey is not base64; copy the module's primary key as IoT Hub shows it"); }
        return new EdgeModuleSettings
        {
            IotHubHostName = Need("HostName"),
            GatewayHostName = Need("GatewayHostName"),
            DeviceId = Need("DeviceId"),
            ModuleId = Need("ModuleId"),
            SharedAccessKey = key,
        };
    }
}
