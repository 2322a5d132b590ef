namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// Keeps a flood of bad messages from flooding the log: per reason and device, the first rejection is logged,
/// then at most one per <see cref="Interval"/>, which says how many were not logged in between. The number of
/// (reason, device) pairs tracked is bounded; beyond it, all further pairs share one entry.
/// </summary>
public sealed class RejectionLogLimiter(TimeProvider time, TimeSpan interval, int maxTracked = 10_000)
{
    private const string Others = "(other devices)";
    private readonly Dictionary<(string Reason, string Device), (DateTimeOffset LastLogged, long Suppressed)> entries = [];
    private readonly Lock gate = new();

    public TimeSpan Interval => interval;

    /// <summary>True when this rejection should be logged; <paramref name="suppressed"/> counts those not logged since the last one.</summary>
    public bool ShouldLog(string reason, string? device, out long suppressed)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var key = (reason, device ?? "(none)");
            if (!entries.ContainsKey(key) && entries.Count >= maxTracked) key = (reason, Others);
            if (!entries.TryGetValue(key, out var entry) || now - entry.LastLogged >= interval)
            {
                suppressed = entry.Suppressed;
                entries[key] = (now, 0);
                return true;
            }
            entries[key] = entry with { Suppressed = entry.Suppressed + 1 };
            suppressed = 0;
            return false;
        }
    }
}
