using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Operators;

namespace ValueGuard.Gateway.Operators;

/// <summary>
/// Two-way tickets: reads the ticket of every unacknowledged breach (Breached or Escalated) back from the ticket
/// systems that allow it, each at its own interval, and turns a person's acknowledgement there into an
/// acknowledgement of the commitment through <see cref="OperatorActions"/>, so it is recorded in the evidence ledger
/// like one from the CLI. Once acknowledged the clause is no longer unacknowledged, so later polls and restarts (the
/// state is persisted) never record it again.
/// </summary>
public sealed partial class TicketAcknowledgementPoller
{
    private readonly IReadOnlyList<TwoWaySource> sources;
    private readonly ClauseEvaluator evaluator;
    private readonly EscalationOutbox outbox;
    private readonly OperatorActions actions;
    private readonly TimeProvider clock;
    private readonly ILogger<TicketAcknowledgementPoller> log;
    private readonly Dictionary<string, DateTimeOffset> lastPolled = new(StringComparer.Ordinal);

    public TicketAcknowledgementPoller(IReadOnlyList<TwoWaySource> sources, ClauseEvaluator evaluator, EscalationOutbox outbox, OperatorActions actions,
        TimeProvider clock, ILogger<TicketAcknowledgementPoller> log)
    {
        this.sources = sources;
        this.evaluator = evaluator;
        this.outbox = outbox;
        this.actions = actions;
        this.clock = clock;
        this.log = log;
    }

    /// <summary>Whether any sink is read back at all.</summary>
    public bool Any => sources.Count > 0;

    /// <summary>Polls every source whose interval has passed; returns how many acknowledgements were applied.</summary>
    public async Task<int> PollDueAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, every) in sources)
        {
            var now = clock.GetUtcNow();
            if (lastPolled.TryGetValue(source.Name, out var last) && now - last < every) continue;
            lastPolled[source.Name] = now;
            foreach (var status in evaluator.Statuses)
            {
                if (status.Snapshot.State is not (CommitmentState.Breached or CommitmentState.Escalated)) continue;
                var episode = new BreachEpisodeId(status.Contract.Id, status.Clause.Id.Value, status.Snapshot.EpisodeNumber);
                if (acknowledged.Contains(episode.ToString())) continue;
                if (await outbox.RemoteIdAsync(episode.ToString(), source.Name, cancellationToken).ConfigureAwait(false) is not { } remoteId) continue;
                try
                {
                    if (await source.FindAsync(episode, remoteId, cancellationToken).ConfigureAwait(false) is not { } ack) continue;
                    var action = new OperatorAction(OperatorActionKind.Acknowledge, episode.ContractId, episode.ClauseId, ack.By, ack.Reason, null, clock.GetUtcNow());
                    var outcome = await actions.SubmitAsync(action, cancellationToken).ConfigureAwait(false);
                    acknowledged.Add(episode.ToString());
                    if (outcome.Status != OperatorActionStatus.Applied) continue;
                    LogAcknowledged(episode.ToString(), source.Name, ack.Ticket, ack.By, ack.What);
                    applied++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPollFailed(episode.ToString(), source.Name, e.Message);
                }
            }
        }
        return applied;
    }

    [LoggerMessage(EventId = 3101, EventName = "TicketAcknowledged", Level = LogLevel.Information,
        Message = "Breach {Episode} acknowledged in {Ticket} ({Sink}) by {By}: {What}")]
    private partial void LogAcknowledged(string episode, string sink, string ticket, string by, string what);

    [LoggerMessage(EventId = 3102, EventName = "TicketPollFailed", Level = LogLevel.Warning,
        Message = "Reading the ticket of {Episode} back from {Sink} failed; the next poll tries again: {Error}")]
    private partial void LogPollFailed(string episode, string sink, string error);
}
