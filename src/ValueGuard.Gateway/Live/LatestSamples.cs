using ValueGuard.Core.Signals;

namespace ValueGuard.Gateway.Live;

/// <summary>
/// The newest sample of every signal written since the gateway started, for the web UI's live values and
/// each device's last contact. In memory only: after a restart a device shows no contact until it sends again.
/// </summary>
public sealed class LatestSamples
{
    private readonly Lock gate = new();
    private readonly Dictionary<SignalId, Sample> latest = [];

    /// <summary>Called once per stored batch (thousands of samples at full ingest): one lock, no allocation per sample.</summary>
    public void Observe(IReadOnlyList<Sample> samples)
    {
        lock (gate)
        {
            for (var i = 0; i < samples.Count; i++)
            {
                var s = samples[i];
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(latest, s.Signal, out var exists);
                if (!exists || s.Timestamp >= slot.Timestamp) slot = s;
            }
        }
    }

    public Sample? Of(SignalId signal)
    {
        lock (gate) return latest.TryGetValue(signal, out var s) ? s : null;
    }

    /// <summary>The newest sample time of any of the device's signals, or null when none arrived since start.</summary>
    public DateTimeOffset? LastContact(string device)
    {
        lock (gate)
            return latest.Values.Where(s => s.Signal.Device == device).Select(s => (DateTimeOffset?)s.Timestamp).DefaultIfEmpty(null).Max();
    }
}
