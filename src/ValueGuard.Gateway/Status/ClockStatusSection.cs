using System.Globalization;
using System.Text.Json.Nodes;
using ValueGuard.Gateway.Clock;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// The gateway clock in <c>status.json</c> (section <c>clock</c>): whether the system reports it synchronised
/// (true, false, or null when it cannot tell), where that was read and what it said, and the last jump with its
/// size in seconds (negative: backwards).
/// </summary>
public sealed class ClockStatusSection(ClockHealth health) : IStatusSection
{
    public string Name => "clock";

    public JsonObject Read(DateTimeOffset now) => Describe(health);

    public static JsonObject Describe(ClockHealth health)
    {
        var sync = health.Sync;
        var jump = health.LastJump;
        return new JsonObject
        {
            ["ntp_synchronised"] = sync?.State switch
            {
                ClockSyncState.Synchronised => true,
                ClockSyncState.Unsynchronised => false,
                _ => null,
            },
            ["ntp_source"] = sync?.Source,
            ["ntp_detail"] = sync?.Detail,
            ["ntp_read_at"] = health.SyncReadAt?.ToString("O", CultureInfo.InvariantCulture),
            ["last_jump_at"] = jump?.To.ToString("O", CultureInfo.InvariantCulture),
            ["last_jump_seconds"] = jump is null ? null : Math.Round(jump.Delta.TotalSeconds, 3),
            ["jumps_since_start"] = health.JumpsSinceStart,
        };
    }
}
