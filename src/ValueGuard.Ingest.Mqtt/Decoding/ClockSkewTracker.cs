using ValueGuard.Core.Signals;

namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>
/// Per device, the skew between the timestamps its samples carry and the gateway's receive time (last, min, max).
/// Only devices listed on the site reach it, so it holds at most one entry per listed device.
/// </summary>
public sealed class ClockSkewTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Skew> byDevice = new(StringComparer.Ordinal);

    /// <summary>Records the skew of every sample of one message received at <paramref name="arrival"/>.</summary>
    public void Record(string device, IReadOnlyList<Sample> samples, DateTimeOffset arrival)
    {
        if (samples.Count == 0) return;
        lock (gate)
        {
            if (!byDevice.TryGetValue(device, out var skew))
            {
                var first = samples[0].Timestamp - arrival;
                byDevice[device] = skew = new Skew { Min = first, Max = first };
            }
            // Called for every message: updated in place, without allocating.
            for (var i = 0; i < samples.Count; i++)
            {
                var s = samples[i].Timestamp - arrival;
                if (s < skew.Min) skew.Min = s;
                if (s > skew.Max) skew.Max = s;
                skew.Last = s;
            }
            skew.Samples += samples.Count;
            skew.LastReceivedAt = arrival;
        }
    }

    /// <summary>A copy of the skew per device, ordered by device id.</summary>
    public IReadOnlyList<KeyValuePair<string, DeviceClockSkew>> Snapshot()
    {
        lock (gate)
        {
            return [.. byDevice.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, new DeviceClockSkew(p.Value.Last, p.Value.Min, p.Value.Max, p.Value.Samples, p.Value.LastReceivedAt)))];
        }
    }

    private sealed class Skew
    {
        public TimeSpan Last;
        public TimeSpan Min;
        public TimeSpan Max;
        public long Samples;
        public DateTimeOffset LastReceivedAt;
    }
}
