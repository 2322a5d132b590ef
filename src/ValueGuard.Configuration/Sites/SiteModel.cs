using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Signals;

namespace ValueGuard.Configuration.Sites;

/// <summary>A site with everything it names loaded: device profiles, contracts and the signal catalog.</summary>
public sealed record SiteModel(
    SiteConfig Site,
    IReadOnlyDictionary<string, DeviceProfile> Profiles,
    IReadOnlyList<Contract> Contracts,
    SignalCatalog Catalog)
{
    public DeviceProfile ProfileOf(DeviceConfig device) => Profiles[device.Profile];
}
