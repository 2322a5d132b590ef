using System.Text.Json.Nodes;
using ValueGuard.Storage.Spool;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// Buffer health of the spool in front of InfluxDB: depth, bytes, the oldest unsent record's age, ingest
/// and drain rates over the last minute and the projected time until full.
/// </summary>
public sealed class SpoolStatusSection(SpooledTimeSeriesStore spool) : IStatusSection
{
    private readonly SpoolRateMeter meter = new();
    private volatile Reading? latest;

    public string Name => "spool";

    /// <summary>The last reading taken for the status file; null before the first.</summary>
    public Reading? Latest => latest;

    public JsonObject Read(DateTimeOffset now)
    {
        var health = spool.Health;
        var rates = meter.Observe(health);
        latest = new Reading(health, rates);
        return Describe(health, rates);
    }

    /// <summary>The section's JSON for a reading; without rates (a spool read from disk) they are null.</summary>
    public static JsonObject Describe(SpoolHealth h, SpoolRates? rates) => new()
    {
        ["pending_records"] = h.PendingRecords,
        ["pending_samples"] = h.PendingSamples,
        ["size_bytes"] = h.SizeBytes,
        ["max_bytes"] = h.MaxBytes,
        ["fill_ratio"] = h.MaxBytes > 0 ? Math.Round((double)h.SizeBytes / h.MaxBytes, 6) : 0,
        ["oldest_pending_at"] = h.OldestPendingAppendedAt,
        ["oldest_pending_age_seconds"] = Math.Round(h.OldestPendingAge.TotalSeconds, 3),
        ["ingest_samples_per_second"] = rates is null ? null : Math.Round(rates.IngestSamplesPerSecond, 3),
        ["drain_samples_per_second"] = rates is null ? null : Math.Round(rates.DrainSamplesPerSecond, 3),
        ["ingest_bytes_per_second"] = rates is null ? null : Math.Round(rates.IngestBytesPerSecond, 3),
        ["drain_bytes_per_second"] = rates is null ? null : Math.Round(rates.DrainBytesPerSecond, 3),
        ["rates_over_seconds"] = rates is null ? null : Math.Round(rates.Over.TotalSeconds, 3),
        ["time_until_full_seconds"] = rates?.TimeUntilFull is { } t ? Math.Round(t.TotalSeconds, 1) : null,
        ["dropped_samples"] = h.DroppedSamples,
        ["refused_batches"] = h.RefusedBatches,
        ["when_full"] = h.WhenFull.Name(),
        ["max_age_seconds"] = h.MaxAge is { } age ? age.TotalSeconds : null,
    };

    /// <summary>One reading: the spool and its rates.</summary>
    public sealed record Reading(SpoolHealth Health, SpoolRates Rates);
}
