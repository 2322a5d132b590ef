using System.Diagnostics.Metrics;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// Buffer health as <see cref="System.Diagnostics.Metrics"/> gauges (meter <c>ValueGuard.Gateway</c>): the
/// same figures as the status file's spool section, from its latest reading, with the drop and refusal
/// totals. <c>ValueGuard.Storage</c> counts drops too (<c>spool.dropped_samples</c>, tagged by reason and policy).
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "ValueGuard.Gateway";

    private readonly Meter meter = new(MeterName);

    public GatewayMetrics(SpoolStatusSection spool)
    {
        Gauge("spool.pending_records", "{record}", "Spooled batches not yet confirmed by the store", () => spool.Latest?.Health.PendingRecords);
        Gauge("spool.pending_samples", "{sample}", "Spooled samples not yet confirmed by the store", () => spool.Latest?.Health.PendingSamples);
        Gauge("spool.size_bytes", "By", "Bytes of all spool segment files", () => spool.Latest?.Health.SizeBytes);
        Gauge("spool.max_bytes", "By", "The spool's size limit", () => spool.Latest?.Health.MaxBytes);
        Gauge("spool.oldest_pending_age_seconds", "s", "How long the oldest unsent record has waited", () => spool.Latest?.Health.OldestPendingAge.TotalSeconds);
        Gauge("spool.ingest_samples_per_second", "{sample}/s", "Samples appended per second over the last minute", () => spool.Latest?.Rates.IngestSamplesPerSecond);
        Gauge("spool.drain_samples_per_second", "{sample}/s", "Samples confirmed by the store per second over the last minute", () => spool.Latest?.Rates.DrainSamplesPerSecond);
        Gauge("spool.time_until_full_seconds", "s", "Projected time until the spool is full at the current net growth (absent when not growing)", () => spool.Latest?.Rates.TimeUntilFull?.TotalSeconds);
        meter.CreateObservableCounter("spool.dropped_samples", () => spool.Latest is { } r ? [new Measurement<long>(r.Health.DroppedSamples)] : Array.Empty<Measurement<long>>(),
            "{sample}", "Samples accepted and then dropped by the spool's size or age limit since start");
        meter.CreateObservableCounter("spool.refused_batches", () => spool.Latest is { } r ? [new Measurement<long>(r.Health.RefusedBatches)] : Array.Empty<Measurement<long>>(),
            "{batch}", "Batches the full spool refused (refuse_new_writes: MQTT not acknowledged) since start");
    }

    public void Dispose() => meter.Dispose();

    private void Gauge(string name, string unit, string description, Func<double?> read) =>
        meter.CreateObservableGauge(name, () => read() is { } v ? [new Measurement<double>(v)] : Array.Empty<Measurement<double>>(), unit, description);
}
