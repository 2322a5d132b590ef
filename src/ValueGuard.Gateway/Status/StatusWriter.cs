using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// Writes the gateway's status (<see cref="StatusFile"/>) every <see cref="Interval"/>: one object per
/// <see cref="IStatusSection"/> under <c>sections</c>, with the site, the process id and when it was written,
/// so <c>valueguard status</c> can tell a live gateway from a stale file.
/// </summary>
public sealed partial class StatusWriter(string path, string siteId, IEnumerable<IStatusSection> sections, TimeProvider clock, ILogger<StatusWriter> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly DateTimeOffset startedAt = clock.GetUtcNow();

    /// <summary>Builds the snapshot now (also what the file holds after each write).</summary>
    public JsonObject Snapshot()
    {
        var now = clock.GetUtcNow();
        var body = new JsonObject();
        foreach (var section in sections) body[section.Name] = section.Read(now);
        return new JsonObject
        {
            ["format"] = 1,
            ["site"] = siteId,
            ["pid"] = Environment.ProcessId,
            ["started_at"] = startedAt,
            ["written_at"] = now,
            ["interval_seconds"] = Interval.TotalSeconds,
            ["sections"] = body,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                StatusFile.Write(path, Snapshot());
            }
            catch (IOException e)
            {
                LogWriteFailed(path, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 2901, EventName = "StatusWriteFailed", Level = LogLevel.Warning, Message = "Could not write the status file {Path}: {Error}")]
    private partial void LogWriteFailed(string path, string error);
}
