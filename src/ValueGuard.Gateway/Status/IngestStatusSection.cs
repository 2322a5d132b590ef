using System.Text.Json.Nodes;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// MQTT ingest since start: messages received, stored (and acknowledged), rejected; batch items rejected; rejections
/// (messages and items) by reason; samples stored;
/// per device the skew of its timestamps against the gateway's receive time, in seconds (positive: device ahead).
/// </summary>
public sealed class IngestStatusSection(IngestCounters counters, ClockSkewTracker? clockSkew = null) : IStatusSection
{
    public string Name => "ingest";

    public JsonObject Read(DateTimeOffset now)
    {
        var byReason = new JsonObject();
        foreach (var (reason, count) in counters.RejectedByReason.OrderBy(p => p.Key, StringComparer.Ordinal)) byReason[reason] = count;
        return new JsonObject
        {
            ["messages_received"] = counters.Received,
            ["messages_stored"] = counters.Stored,
            ["messages_rejected"] = counters.Rejected,
            ["batch_items_rejected"] = counters.RejectedItems,
            ["samples_stored"] = counters.SamplesStored,
            ["rejected_by_reason"] = byReason,
            ["clock_skew"] = ClockSkew(),
        };
    }

    private JsonObject ClockSkew()
    {
        var devices = new JsonObject();
        foreach (var (device, skew) in clockSkew?.Snapshot() ?? [])
        {
            devices[device] = new JsonObject
            {
                ["last_seconds"] = skew.Last.TotalSeconds,
                ["min_seconds"] = skew.Min.TotalSeconds,
                ["max_seconds"] = skew.Max.TotalSeconds,
                ["samples"] = skew.Samples,
                ["last_received_at"] = skew.LastReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        return devices;
    }
}
