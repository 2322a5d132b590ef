using System.Globalization;
using System.Text.Json.Nodes;
using ValueGuard.Escalation.Outbox;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// The outbox as an operator needs it: how many actions wait, how long the oldest has waited, and every dead action
/// (gave up after its attempts) with its sink, key and last error, to be retried with <c>valueguard escalation retry</c>.
/// </summary>
public sealed class EscalationStatusSection(EscalationOutbox outbox) : IStatusSection
{
    /// <summary>Dead actions listed one by one; beyond this only their count.</summary>
    public const int DeadListed = 20;

    public string Name => "escalation";

    public JsonObject Read(DateTimeOffset now) => Describe(outbox.Undelivered(), now);

    public static JsonObject Describe(IReadOnlyList<OutboxEntry> undelivered, DateTimeOffset now)
    {
        var pending = undelivered.Where(e => e.Status == OutboxStatus.Pending).ToList();
        var dead = undelivered.Where(e => e.Status == OutboxStatus.Dead).ToList();
        var deadList = new JsonObject();
        foreach (var e in dead.Take(DeadListed))
            deadList[e.Id.ToString(CultureInfo.InvariantCulture)] =
                $"{e.Sink} {e.Action.IdempotencyKey}, {e.Attempts} attempt{(e.Attempts == 1 ? "" : "s")}, last error: {e.LastError ?? "-"}";
        return new JsonObject
        {
            ["pending"] = pending.Count,
            ["oldest_pending_seconds"] = pending.Count == 0 ? null : Math.Round((now - pending.Min(e => e.Action.At)).TotalSeconds),
            ["dead"] = dead.Count,
            ["dead_actions"] = deadList,
            ["retry"] = dead.Count == 0 ? null : "valueguard escalation retry --site <site.yaml> [--id N]",
        };
    }
}
