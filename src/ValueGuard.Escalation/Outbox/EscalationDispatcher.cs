using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using ValueGuard.Escalation.Sinks;

namespace ValueGuard.Escalation.Outbox;

/// <summary>
/// Sends due outbox entries to their sinks in order. A failure backs the entry off exponentially and
/// holds back later actions of the same episode on that sink, so a ticket never sees "resolve"
/// before "open". After <see cref="MaxAttempts"/> an entry is dead and waits for an operator.
/// A circuit breaker per sink (<see cref="SinkCircuitOptions"/>) stops calling a sink that keeps failing;
/// entries held back by an open circuit are not charged an attempt, so an outage does not kill them.
/// </summary>
public sealed partial class EscalationDispatcher
{
    public const int MaxAttempts = 10;

    private readonly EscalationOutbox outbox;
    private readonly IReadOnlyDictionary<string, ITicketSink> sinks;
    private readonly TimeProvider time;
    private readonly ILogger<EscalationDispatcher> log;
    private readonly Dictionary<string, ResiliencePipeline<string>> circuits;

    public EscalationDispatcher(EscalationOutbox outbox, IEnumerable<ITicketSink> sinks, TimeProvider time, ILogger<EscalationDispatcher> log)
        : this(outbox, sinks, time, log, new SinkCircuitOptions())
    {
    }

    public EscalationDispatcher(EscalationOutbox outbox, IEnumerable<ITicketSink> sinks, TimeProvider time, ILogger<EscalationDispatcher> log, SinkCircuitOptions circuit)
    {
        var errors = circuit.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(circuit));
        this.outbox = outbox;
        this.sinks = sinks.ToDictionary(s => s.Name);
        this.time = time;
        this.log = log;
        circuits = this.sinks.Keys.ToDictionary(name => name, name => Circuit(name, circuit));
    }

    private ResiliencePipeline<string> Circuit(string sink, SinkCircuitOptions options) =>
        new ResiliencePipelineBuilder<string> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<string>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumFailures,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder<string>().Handle<Exception>(e => e is not OperationCanceledException),
                OnOpened = args => { LogCircuitOpened(sink, args.BreakDuration); return default; },
                OnClosed = _ => { LogCircuitClosed(sink); return default; },
            })
            .Build();

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
                var action = entry.Action;
                var remoteId = await circuits[entry.Sink].ExecuteAsync(async ct => await sink.DeliverAsync(action, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await outbox.MarkDoneAsync(entry.Id, remoteId, cancellationToken).ConfigureAwait(false);
                LogDelivered(entry.Action.IdempotencyKey, entry.Sink, remoteId);
                delivered++;
            }
            catch (BrokenCircuitException)
            {
                // The sink is known to be down: hold this episode back without charging an attempt.
                blocked.Add((entry.Sink, episode));
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

    [LoggerMessage(EventId = 3003, EventName = "SinkCircuitOpened", Level = LogLevel.Warning,
        Message = "Sink {Sink} keeps failing; not calling it for {BreakDuration}")]
    private partial void LogCircuitOpened(string sink, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3004, EventName = "SinkCircuitClosed", Level = LogLevel.Information,
        Message = "Sink {Sink} answers again; deliveries resume")]
    private partial void LogCircuitClosed(string sink);

    [LoggerMessage(EventId = 3001, EventName = "TicketActionDelivered", Level = LogLevel.Information,
        Message = "Escalation {IdempotencyKey} delivered to {Sink} as {RemoteId}")]
    private partial void LogDelivered(string idempotencyKey, string sink, string remoteId);

    [LoggerMessage(EventId = 3002, EventName = "TicketActionFailed", Level = LogLevel.Warning,
        Message = "Escalation {IdempotencyKey} to {Sink} failed (attempt {Attempts}, dead: {Dead}): {Error}")]
    private partial void LogFailed(string idempotencyKey, string sink, int attempts, bool dead, string error);
}
