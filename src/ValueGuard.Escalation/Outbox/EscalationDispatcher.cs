using Microsoft.Extensions.Logging;
using ValueGuard.Escalation.Sinks;

namespace ValueGuard.Escalation.Outbox;

/// <summary>
/// Sends due outbox entries to their sinks in order. A failure backs the entry off exponentially and
/// holds back later actions of the same episode on that sink, so a ticket never sees "resolve"
/// before "open". After <see cref="MaxAttempts"/> an entry is dead and waits for an operator.
/// </summary>
public sealed partial class EscalationDispatcher
{
    public const int MaxAttempts = 10;

    private readonly EscalationOutbox outbox;
    private readonly IReadOnlyDictionary<string, ITicketSink> sinks;
    private readonly TimeProvider time;
    private readonly ILogger<EscalationDispatcher> log;

    public EscalationDispatcher(EscalationOutbox outbox, IEnumerable<ITicketSink> sinks, TimeProvider time, ILogger<EscalationDispatcher> log)
    {
        this.outbox = outbox;
        this.sinks = sinks.ToDictionary(s => s.Name);
        this.time = time;
        this.log = log;
    }

    public IReadOnlyCollection<string> SinkNames => sinks.Keys.ToList();

    /// <summary>Delivers every due entry once; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var blocked = new HashSet<(string Sink, string Episode)>();
        var delivered = 0;
        foreach (var entry in await outbox.PendingAsync(cancellationToken).ConfigureAwait(false))
        {
            var episode = entry.Action.Episode.ToString();
            if (blocked.Contains((entry.Sink, episode))) continue;
            if (entry.NextAttempt > now)
            {
                // Backing off: later actions of this episode wait for it, so a ticket never sees them out of order.
                blocked.Add((entry.Sink, episode));
                continue;
            }
            if (!sinks.TryGetValue(entry.Sink, out var sink))
            {
                await outbox.MarkFailedAsync(entry.Id, $"no sink named '{entry.Sink}' is configured", now, dead: true, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                var remoteId = await sink.DeliverAsync(entry.Action, cancellationToken).ConfigureAwait(false);
                await outbox.MarkDoneAsync(entry.Id, remoteId, cancellationToken).ConfigureAwait(false);
                LogDelivered(entry.Action.IdempotencyKey, entry.Sink, remoteId);
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                blocked.Add((entry.Sink, episode));
                var attempts = entry.Attempts + 1;
                var dead = attempts >= MaxAttempts;
                var backoff = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
                await outbox.MarkFailedAsync(entry.Id, e.Message, now + backoff, dead, cancellationToken).ConfigureAwait(false);
                LogFailed(entry.Action.IdempotencyKey, entry.Sink, attempts, dead, e.Message);
            }
        }
        return delivered;
    }

    [LoggerMessage(EventId = 3001, EventName = "TicketActionDelivered", Level = LogLevel.Information,
        Message = "Escalation {IdempotencyKey} delivered to {Sink} as {RemoteId}")]
    private partial void LogDelivered(string idempotencyKey, string sink, string remoteId);

    [LoggerMessage(EventId = 3002, EventName = "TicketActionFailed", Level = LogLevel.Warning,
        Message = "Escalation {IdempotencyKey} to {Sink} failed (attempt {Attempts}, dead: {Dead}): {Error}")]
    private partial void LogFailed(string idempotencyKey, string sink, int attempts, bool dead, string error);
}
