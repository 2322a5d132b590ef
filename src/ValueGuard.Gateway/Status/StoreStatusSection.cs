using System.Text.Json.Nodes;
using ValueGuard.Configuration.Sites;
using ValueGuard.Storage.Spool;

namespace ValueGuard.Gateway.Status;

/// <summary>Where samples go and whether that store takes them: kind, address, failed forwards in a row, the last error.</summary>
public sealed class StoreStatusSection(SiteConfig site, SpooledTimeSeriesStore? spool) : IStatusSection
{
    public string Name => "store";

    public JsonObject Read(DateTimeOffset now) => new()
    {
        ["kind"] = site.Store is null ? "embedded" : "influxdb",
        ["url"] = site.Store?.Url.ToString(),
        ["database"] = site.Store?.Database,
        ["forward_failures"] = spool?.ForwardFailures ?? 0,
        ["last_error"] = spool?.LastForwardError,
        ["last_forwarded_at"] = spool?.LastForwardedAt,
    };
}
