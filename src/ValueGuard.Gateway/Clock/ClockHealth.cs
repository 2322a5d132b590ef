using System.Text.Json;
using ValueGuard.Core.Evidence;

namespace ValueGuard.Gateway.Clock;

/// <summary>
/// What the gateway knows about its own clock, for <c>valueguard status</c>: the last synchronisation reading and
/// the last jump. Starts from the evidence ledger (the last clock-jump and clock-sync records), so a restart or a
/// stopped gateway still shows them. Written by the evaluation loop, read by the status writer.
/// </summary>
public sealed class ClockHealth
{
    private readonly Lock gate = new();
    private ClockSynchronisation? sync;
    private DateTimeOffset? syncReadAt;
    private ClockJump? lastJump;
    private int jumpsSinceStart;

    public ClockSynchronisation? Sync { get { lock (gate) return sync; } }

    public DateTimeOffset? SyncReadAt { get { lock (gate) return syncReadAt; } }

    public ClockJump? LastJump { get { lock (gate) return lastJump; } }

    public int JumpsSinceStart { get { lock (gate) return jumpsSinceStart; } }

    /// <summary>The last clock-jump and clock-sync records of a ledger (none when it does not exist).</summary>
    public static ClockHealth Load(string ledger)
    {
        var health = new ClockHealth();
        if (!File.Exists(ledger)) return health;
        using var stream = new FileStream(ledger, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var jump = line.Contains("\"kind\":\"" + EvidenceKinds.ClockJump + "\"", StringComparison.Ordinal);
            var sync = line.Contains("\"kind\":\"" + EvidenceKinds.ClockSync + "\"", StringComparison.Ordinal);
            if ((!jump && !sync) || !EvidenceChain.TryOpen(line, out var unsigned, out _)) continue;
            try
            {
                using var doc = JsonDocument.Parse(unsigned);
                var body = doc.RootElement.GetProperty("body");
                if (jump)
                {
                    health.lastJump = new ClockJump(body.GetProperty("from").GetDateTimeOffset(), body.GetProperty("to").GetDateTimeOffset(),
                        TimeSpan.FromSeconds(body.GetProperty("delta_seconds").GetDouble()));
                }
                else
                {
                    health.sync = new ClockSynchronisation(body.GetProperty("synchronised").GetBoolean() ? ClockSyncState.Synchronised : ClockSyncState.Unsynchronised,
                        body.GetProperty("source").GetString() ?? "ledger", body.GetProperty("detail").GetString() ?? "");
                    health.syncReadAt = doc.RootElement.GetProperty("at").GetDateTimeOffset();
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // A record of another shape: verify reports the ledger, the status shows what it can.
            }
        }
        return health;
    }

    public void Jumped(ClockJump jump)
    {
        lock (gate)
        {
            lastJump = jump;
            jumpsSinceStart++;
        }
    }

    public void Read(ClockSynchronisation reading, DateTimeOffset at)
    {
        lock (gate)
        {
            sync = reading;
            syncReadAt = at;
        }
    }
}
