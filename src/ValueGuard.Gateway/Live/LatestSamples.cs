using System.Collections.Concurrent;
using ValueGuard.Core.Signals;

namespace ValueGuard.Gateway.Live;

/// <summary>
/// The newest sample of every signal written since the gateway started, for the web UI's live values and
/// each device's last contact. In memory only: after a restart a device shows no contact until it sends again.
/// </summary>
public sealed class LatestSamples
{
    private readonly ConcurrentDictionary<SignalId, Sample> latest = new();

    public void Observe(IReadOnlyList<Sample> samples)
    {
        foreach (var s in samples)
            latest.AddOrUpdate(s.Signal, s, (_, old) => s.Timestamp >= old.Timestamp ? s : old);
    }

    public Sample? Of(SignalId signal) => latest.TryGetValue(signal, out var s) ? s : null;

    /// <summary>The newest sample time of any of the device's signals, or null when none arrived since start.</summary>
    public DateTimeOffset? LastContact(string device) =>
        latest.Values.Where(s => s.Signal.Device == device).Select(s => (DateTimeOffset?)s.Timestamp).DefaultIfEmpty(null).Max();
}
