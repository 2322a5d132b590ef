using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Escalation;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;

namespace ValueGuard.Configuration;

/// <summary>
/// Validates any mix of site, device-profile and contract files, telling each kind by its first key.
/// Contracts are checked against the signals of a site given alongside, or of a <c>site.yaml</c>
/// in the contract's folder.
/// </summary>
public static class ConfigurationValidator
{
    public static ValidationReport Validate(IEnumerable<string> files)
    {
        var report = new ValidationReport();
        var paths = files.ToList();
        var sites = new Dictionary<string, SignalCatalog>(StringComparer.Ordinal);
        EscalationChoices? choices = null;
        foreach (var path in paths.Where(p => KindOf(p, report) == "site"))
        {
            var (model, errors) = SiteModelLoader.Load(path);
            report.Add(path, errors);
            if (SiteLoader.Load(path, File.ReadAllText(path)).Value is { } site)
                choices ??= EscalationChoices.Of(site);
            if (model is not null) sites[path] = model.Catalog;
            else if (CatalogOnly(path) is { } catalog) sites[path] = catalog;
        }
        foreach (var path in paths)
        {
            switch (KindOf(path, report))
            {
                case "profile":
                    report.Add(path, DeviceProfileLoader.LoadFile(path).Errors);
                    break;
                case "contract":
                    var catalog = sites.Values.FirstOrDefault() ?? NeighbourSite(path);
                    if (catalog is null) report.Notes.Add($"{path}: signals not checked: give a site file too, or put site.yaml next to the contract");
                    report.Add(path, ContractLoader.LoadFile(path, catalog, choices).Errors);
                    break;
            }
        }
        return report;
    }

    private static string? KindOf(string path, ValidationReport report)
    {
        if (!File.Exists(path))
        {
            if (!report.Files.Contains(path)) report.Add(path, [new ConfigError(path, 1, 1, "the file does not exist", "check the path")]);
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            var t = line.TrimStart();
            if (t.Length == 0 || t.StartsWith('#') || t.StartsWith("---", StringComparison.Ordinal)) continue;
            if (t.StartsWith("site:", StringComparison.Ordinal)) return "site";
            if (t.StartsWith("profile:", StringComparison.Ordinal)) return "profile";
            if (t.StartsWith("contract:", StringComparison.Ordinal)) return "contract";
            break;
        }
        if (!report.Files.Contains(path))
            report.Add(path, [new ConfigError(path, 1, 1, "cannot tell what this file is", "a site file starts with 'site:', a device profile with 'profile:', a contract with 'contract:'")]);
        return null;
    }

    private static SignalCatalog? NeighbourSite(string contractPath)
    {
        var candidate = Path.Combine(Path.GetDirectoryName(contractPath) ?? ".", "site.yaml");
        return File.Exists(candidate) ? CatalogOnly(candidate) : null;
    }

    /// <summary>The signal catalog of a site, even when its contracts have errors.</summary>
    private static SignalCatalog? CatalogOnly(string siteFile)
    {
        var site = SiteLoader.Load(siteFile, File.ReadAllText(siteFile)).Value;
        if (site is null) return null;
        var ignored = new List<ConfigError>();
        return SiteModelLoader.BuildCatalog(site, SiteModelLoader.LoadProfiles(site, ignored), ignored);
    }
}
