using System.Diagnostics.Metrics;

namespace ValueGuard.Storage.Spool;

/// <summary>The spool's counters in <see cref="System.Diagnostics.Metrics"/> (meter <c>ValueGuard.Storage</c>).</summary>
public static class SpoolInstruments
{
    public const string MeterName = "ValueGuard.Storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Samples accepted into the spool and then dropped (tags: reason, policy).</summary>
    public static readonly Counter<long> DroppedSamples =
        Meter.CreateCounter<long>("spool.dropped_samples", "{sample}", "Samples accepted and then dropped by the spool's size or age limit");
}
