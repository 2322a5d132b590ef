using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Per device, the skew between the timestamps its samples carry and the gateway's receive time (last, min, max).
/// Only devices listed on the site reach it, so it holds at most one entry per listed device.
/// </summary>
public sealed class ClockSkewTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DeviceClockSkew> byDevice = new(StringComparer.Ordinal);

    /// <summary>Records the skew of every sample of one message received at <paramref name="arrival"/>.</summary>
    public void Record(string device, IReadOnlyList<Sample> samples, DateTimeOffset arrival)
    {
        if (samples.Count == 0) return;
        lock (gate)
        {
            byDevice.TryGetValue(device, out var skew);
            foreach (var sample in samples)
            {
                var s = sample.Timestamp - arrival;
                skew = skew is null
                    ? new DeviceClockSkew(s, s, s, 1, arrival)
                    : new DeviceClockSkew(s, s < skew.Min ? s : skew.Min, s > skew.Max ? s : skew.Max, skew.Samples + 1, arrival);
            }
            byDevice[device] = skew!;
        }
    }

    /// <summary>A copy of the skew per device, ordered by device id.</summary>
    public IReadOnlyList<KeyValuePair<string, DeviceClockSkew>> Snapshot()
    {
        lock (gate) return [.. byDevice.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }
}
