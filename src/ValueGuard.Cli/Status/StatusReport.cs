using System.Text.Json.Nodes;
using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Clock;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Status;
using ValueGuard.Storage.Spool;

namespace ValueGuard.Cli.Status;

/// <summary>
/// What <c>valueguard status</c> shows: the running gateway's status file when it is fresh, else what
/// can be read from the data folder directly (the spool on disk), saying how old the last status is.
/// </summary>
internal sealed record StatusReport(string Site, bool Running, TimeSpan? StatusAge, string Source, JsonObject Sections)
{
    /// <summary>A status file older than this many write intervals means the gateway is not running.</summary>
    public const int StaleAfterIntervals = 3;

    public static StatusReport Read(SiteConfig site, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var snapshot = StatusFile.TryRead(StatusFile.PathIn(site.DataDirectory));
        TimeSpan? age = snapshot?["written_at"]?.GetValue<DateTimeOffset>() is { } written ? now - written : null;
        var interval = TimeSpan.FromSeconds(snapshot?["interval_seconds"]?.GetValue<double>() ?? StatusWriter.Interval.TotalSeconds);
        if (snapshot?["sections"] is JsonObject sections && age is { } a && a <= interval * StaleAfterIntervals)
            return new StatusReport(site.Id, true, age, "gateway", (JsonObject)sections.DeepClone());
        return new StatusReport(site.Id, false, age, "data folder", FromDisk(site, clock));
    }

    private static JsonObject FromDisk(SiteConfig site, TimeProvider clock)
    {
        var sections = new JsonObject
        {
            ["store"] = new JsonObject { ["kind"] = site.Store is null ? "embedded" : "influxdb", ["url"] = site.Store?.Url.ToString(), ["database"] = site.Store?.Database },
            // The last clock jump and synchronisation change the ledger recorded; no live reading while the gateway is down.
            ["clock"] = ClockStatusSection.Describe(ClockHealth.Load(new GatewayPaths(site.DataDirectory).Ledger)),
        };
        if (File.Exists(new GatewayPaths(site.DataDirectory).Outbox))
        {
            using var outbox = new EscalationOutbox(new GatewayPaths(site.DataDirectory).Outbox);
            sections["escalation"] = EscalationStatusSection.Describe(outbox.Undelivered(), clock.GetUtcNow());
        }
        if (site.Store is { } store)
        {
            var options = GatewayRuntime.SpoolOptionsFrom(store.Spool, new GatewayPaths(site.DataDirectory).Spool);
            sections["spool"] = SpoolStatusSection.Describe(DiskSpool.Inspect(options, clock), null);
        }
        return sections;
    }

    public JsonObject ToJson() => new()
    {
        ["site"] = Site,
        ["running"] = Running,
        ["source"] = Source,
        ["status_age_seconds"] = StatusAge is { } a ? Math.Round(a.TotalSeconds, 1) : null,
        ["sections"] = Sections.DeepClone(),
    };
}
