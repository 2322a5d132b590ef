using System.Text.Json.Nodes;
using ValueGuard.Ingest.Mqtt.Client;

namespace ValueGuard.Gateway.Status;

/// <summary>MQTT ingest since start: messages received, stored (and acknowledged), rejected by reason; samples stored.</summary>
public sealed class IngestStatusSection(IngestCounters counters) : IStatusSection
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
            ["samples_stored"] = counters.SamplesStored,
            ["rejected_by_reason"] = byReason,
        };
    }
}
