using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Verdicts;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Reports;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Reports;

public class BreachEpisodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Contract = "ACME-2026-017";

    /// <summary>
    /// Episode 1 of press-availability: breached on day 2, escalated 4 h later, acknowledged 6 h after the breach,
    /// recovered on day 3. Episode 2: breached on day 10, still escalated at the end. mes-api-success never breaches.
    /// </summary>
    private static async Task<string> LedgerAsync(TempDirectory dir)
    {
        var path = dir.File("ledger.jsonl");
        using var ledger = new JsonlEvidenceLedger(path);
        async Task Move(CommitmentState from, CommitmentState to, CommitmentTrigger trigger, DateTimeOffset at, int episode, int level, string clause = "press-availability") =>
            await ledger.AppendAsync("transition", at, TransitionEvidence.Of(Contract, clause, new CommitmentTransition(from, to, trigger, at, episode, level), Verdict.Breached, null), default);
        await ledger.AppendAsync("contract-loaded", T0, new ContractEvidence(Contract, "ACME", "abc", 2), default);
        await Move(CommitmentState.Scheduled, CommitmentState.Compliant, CommitmentTrigger.EvaluatedMet, T0.AddHours(1), 0, 0);
        await Move(CommitmentState.Scheduled, CommitmentState.Compliant, CommitmentTrigger.EvaluatedMet, T0.AddHours(1), 0, 0, "mes-api-success");
        await Move(CommitmentState.Compliant, CommitmentState.Breached, CommitmentTrigger.EvaluatedBreached, T0.AddDays(2), 1, 0);
        await Move(CommitmentState.Breached, CommitmentState.Escalated, CommitmentTrigger.EscalationDue, T0.AddDays(2).AddHours(4), 1, 1);
        await Move(CommitmentState.Escalated, CommitmentState.Acknowledged, CommitmentTrigger.Acknowledge, T0.AddDays(2).AddHours(6), 1, 1);
        await Move(CommitmentState.Acknowledged, CommitmentState.Recovered, CommitmentTrigger.EvaluatedMet, T0.AddDays(3), 1, 1);
        await Move(CommitmentState.Recovered, CommitmentState.Compliant, CommitmentTrigger.EvaluatedMet, T0.AddDays(3).AddHours(1), 1, 1);
        await Move(CommitmentState.Compliant, CommitmentState.Breached, CommitmentTrigger.EvaluatedBreached, T0.AddDays(10), 2, 0);
        await Move(CommitmentState.Breached, CommitmentState.Escalated, CommitmentTrigger.EscalationDue, T0.AddDays(10).AddHours(4), 2, 1);
        await Move(CommitmentState.Escalated, CommitmentState.Escalated, CommitmentTrigger.EscalationDue, T0.AddDays(10).AddHours(8), 2, 2);
        return path;
    }

    private static OutboxEntry Ticket(int episode, string? remoteId, OutboxStatus status) =>
        new(episode, "files", new EscalationAction(new BreachEpisodeId(Contract, "press-availability", episode), EscalationActionKind.Open, 0, T0,
            new TicketContent("ACME", Contract, "press-availability", "text", ">= 98%", "97%", "100%", "w", "Breached", "high", "team", "h")),
            status, 1, null, remoteId);

    [Fact]
    public async Task Episodes_carry_acknowledgement_recovery_escalation_and_tickets()
    {
        using var dir = new TempDirectory();
        var history = LedgerHistory.Read(await LedgerAsync(dir));

        var episodes = BreachEpisodes.Of(history, Contract, [Ticket(1, "T-1.md", OutboxStatus.Done), Ticket(2, null, OutboxStatus.Pending)], T0, T0.AddDays(30));

        Assert.Equal(2, episodes.Count);
        var first = episodes[0];
        Assert.Equal("ACME-2026-017/press-availability/1", first.Episode);
        Assert.Equal(T0.AddDays(2), first.BreachedAt);
        Assert.Equal(T0.AddDays(2).AddHours(6), first.AcknowledgedAt);
        Assert.Equal(TimeSpan.FromHours(6).TotalSeconds, first.TimeToAcknowledgeSeconds);
        Assert.Equal(T0.AddDays(3), first.EndedAt);
        Assert.Equal("Recovered", first.EndedAs);
        Assert.Equal(TimeSpan.FromDays(1).TotalSeconds, first.TimeToRecoverSeconds);
        Assert.Equal(1, first.EscalationLevel);
        Assert.Equal("T-1.md", Assert.Single(first.Tickets).RemoteId);

        var second = episodes[1];
        Assert.Null(second.EndedAt);
        Assert.Null(second.TimeToRecoverSeconds);
        Assert.Null(second.AcknowledgedAt);
        Assert.Equal("Escalated", second.EndedAs);
        Assert.Equal(2, second.EscalationLevel);
        Assert.Equal("pending", Assert.Single(second.Tickets).Status);
    }

    [Fact]
    public async Task Only_episodes_overlapping_the_period_count_and_later_moves_are_not_seen()
    {
        using var dir = new TempDirectory();
        var history = LedgerHistory.Read(await LedgerAsync(dir));

        var late = BreachEpisodes.Of(history, Contract, [], T0.AddDays(5), T0.AddDays(30));
        var early = BreachEpisodes.Of(history, Contract, [], T0, T0.AddDays(2).AddHours(5));

        Assert.Equal("ACME-2026-017/press-availability/2", Assert.Single(late).Episode);
        var open = Assert.Single(early);
        Assert.Null(open.AcknowledgedAt);
        Assert.Null(open.EndedAt);
        Assert.Equal("Escalated", open.EndedAs);
    }

    [Fact]
    public async Task The_state_at_an_instant_is_the_last_move_before_it()
    {
        using var dir = new TempDirectory();
        var history = LedgerHistory.Read(await LedgerAsync(dir));

        Assert.Equal("Scheduled", history.StateAt(Contract, "press-availability", T0));
        Assert.Equal("Acknowledged", history.StateAt(Contract, "press-availability", T0.AddDays(2).AddHours(7)));
        Assert.Equal("Compliant", history.StateAt(Contract, "mes-api-success", T0.AddDays(20)));
        Assert.Equal("abc", history.ContractVersions[Contract]);
    }
}
