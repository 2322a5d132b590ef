using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Serial.Polling;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>The ASCII devices of a validated site, each on the serial port it names (validation keeps it alone there).</summary>
public static class SiteAsciiLines
{
    public static IReadOnlyList<AsciiDeviceLine> From(SiteModel site) =>
    [
        .. from device in site.Site.Devices
           let profile = site.ProfileOf(device)
           where profile.Ascii is not null && device.Port is not null
           let port = site.Site.SerialPorts.Single(p => p.Port == device.Port)
           select new AsciiDeviceLine(SiteModbusBuses.LineSettings(port), device.Id, profile),
    ];
}
