using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Storage.Commitments;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

/// <summary>
/// A step's records and actions, interrupted at every point a crash can come (before or after each ledger append,
/// before the journal is cleared), are finished at the next start: each record in the ledger once, each action in
/// the outbox once with its record's hash, the clause in the state the step led to.
/// </summary>
public class ClauseRecordingTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 2, 8, 15, 30, 123, TimeSpan.Zero).AddTicks(4567);

    public static TheoryData<string> CrashPoints() =>
    [
        "before-append-1", "after-append-1", "before-append-2", "after-append-2", "before-append-3", "after-append-3", "before-journal-cleared",
    ];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_step_interrupted_anywhere_is_finished_at_the_next_start_with_each_record_and_action_once(string crashPoint)
    {
        using var dir = new TempDirectory();
        var next = new CommitmentSnapshot(CommitmentState.Escalated, At, 4, 1, At);
        long before;
        using (var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl")))
        using (var store = new SqliteCommitmentStore(dir.File("state.db")))
        using (var outbox = new EscalationOutbox(dir.File("outbox.db")))
        {
            await ledger.AppendAsync(EvidenceKinds.ContractLoaded, At.AddHours(-1), new { contract = "C" }, default);
            await store.SaveAsync("C", "k", "def", new CommitmentSnapshot(CommitmentState.Compliant, At.AddHours(-1), 3, 0, null), default);
            before = ledger.Count;
            var crashing = new ClauseRecording(new CrashingStore(store, crashPoint), new CrashingLedger(ledger, crashPoint), outbox, NullLogger.Instance);
            await Assert.ThrowsAsync<SimulatedCrash>(() => crashing.CommitAsync("C", "k", "def", next, Step(), default));
        }

        using (var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl")))
        using (var store = new SqliteCommitmentStore(dir.File("state.db")))
        using (var outbox = new EscalationOutbox(dir.File("outbox.db")))
        {
            // Something else records before the recovery (the ingest's data-loss notice, say); it must not be taken for the step's.
            await ledger.AppendAsync(EvidenceKinds.DataLoss, At.AddSeconds(5), new { source = "spool" }, default);
            var recording = new ClauseRecording(store, ledger, outbox, NullLogger.Instance);

            Assert.Equal(1, await recording.RecoverAsync(default));
            Assert.Equal(0, await recording.RecoverAsync(default));

            var written = (await ledger.ReadAfterAsync(before, default)).Where(r => r.Record.Kind != EvidenceKinds.DataLoss).ToList();
            Assert.Equal(["transition:Compliant>Breached", "transition:Breached>Escalated", "flapping:True"], written.Select(Describe));
            var actions = await outbox.AllAsync(default);
            Assert.Equal(3, actions.Count);
            Assert.Equal(written[0].Record.Hash, Assert.Single(actions, a => a.Action.Kind == EscalationActionKind.Open && a.Sink == "redmine").Action.Content.EvidenceHash);
            Assert.Equal(written[0].Record.Hash, Assert.Single(actions, a => a.Action.Kind == EscalationActionKind.Open && a.Sink == "slack").Action.Content.EvidenceHash);
            Assert.Equal(written[1].Record.Hash, Assert.Single(actions, a => a.Action.Kind == EscalationActionKind.Escalate).Action.Content.EvidenceHash);
            var stored = await store.FindAsync("C", "k", default);
            Assert.Equal(next, stored!.Snapshot);
            Assert.Null(stored.Journal);
            var verification = LedgerVerifier.Verify(dir.File("ledger.jsonl"));
            Assert.True(verification.Intact, verification.Problem);
        }
    }

    [Fact]
    public async Task An_uninterrupted_step_leaves_no_journal_and_returns_its_records_in_order()
    {
        using var dir = new TempDirectory();
        using var ledger = new JsonlEvidenceLedger(dir.File("ledger.jsonl"));
        using var store = new SqliteCommitmentStore(dir.File("state.db"));
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var recording = new ClauseRecording(store, ledger, outbox, NullLogger.Instance);
        var next = new CommitmentSnapshot(CommitmentState.Escalated, At, 4, 1, At);

        var records = await recording.CommitAsync("C", "k", "def", next, Step(), default);

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
        Assert.Null((await store.FindAsync("C", "k", default))!.Journal);
        Assert.Equal(0, await recording.RecoverAsync(default));
        Assert.Equal(3, ledger.Count);
    }

    private static string Describe(StoredEvidence e) => e.Record.Kind == EvidenceKinds.Transition
        ? $"{e.Record.Kind}:{e.Body.GetProperty("from").GetString()}>{e.Body.GetProperty("to").GetString()}"
        : $"{e.Record.Kind}:{e.Body.GetProperty("flapping").GetBoolean()}";

    /// <summary>A breach, its escalation in the same step, and the start of flapping.</summary>
    private static List<PendingEvidence> Step()
    {
        var episode = new BreachEpisodeId("C", "k", 4);
        var content = new TicketContent("ACME", "C", "k", "availability >= 95 %", ">= 95 %", "91.2 %", "100 %", "30 d", "Breached", "High", "delivery", string.Empty);
        var breached = new CommitmentTransition(CommitmentState.Compliant, CommitmentState.Breached, CommitmentTrigger.EvaluatedBreached, At, 4, 0);
        var escalated = new CommitmentTransition(CommitmentState.Breached, CommitmentState.Escalated, CommitmentTrigger.EscalationDue, At, 4, 1);
        return
        [
            PendingEvidence.Of(EvidenceKinds.Transition, At, new { contract = "C", clause = "k", from = "Compliant", to = "Breached", episode = 4, level = 0 },
                [new(new EscalationAction(episode, EscalationActionKind.Open, 0, breached.At, content), ["redmine", "slack"])]),
            PendingEvidence.Of(EvidenceKinds.Transition, At, new { contract = "C", clause = "k", from = "Breached", to = "Escalated", episode = 4, level = 1 },
                [new(new EscalationAction(episode, EscalationActionKind.Escalate, 1, escalated.At, content with { State = "Escalated" }), ["redmine"])]),
            PendingEvidence.Of(EvidenceKinds.Flapping, At, new { contract = "C", clause = "k", flapping = true }),
        ];
    }

    private sealed class SimulatedCrash() : Exception("simulated crash");

    /// <summary>A ledger that dies at the named append: before it writes, or right after (so the record is there but nothing after it ran).</summary>
    private sealed class CrashingLedger(IEvidenceLedger inner, string crashPoint) : IEvidenceLedger
    {
        private int appends;

        public string Head => inner.Head;

        public long Count => inner.Count;

        public async Task<EvidenceRecord> AppendAsync<TBody>(string kind, DateTimeOffset at, TBody body, CancellationToken cancellationToken)
        {
            appends++;
            if (crashPoint == $"before-append-{appends}") throw new SimulatedCrash();
            var record = await inner.AppendAsync(kind, at, body, cancellationToken);
            if (crashPoint == $"after-append-{appends}") throw new SimulatedCrash();
            return record;
        }

        public Task<IReadOnlyList<StoredEvidence>> ReadAfterAsync(long sequence, CancellationToken cancellationToken) => inner.ReadAfterAsync(sequence, cancellationToken);
    }

    /// <summary>A state store that dies before it clears the journal.</summary>
    private sealed class CrashingStore(ICommitmentStore inner, string crashPoint) : ICommitmentStore
    {
        public Task<CommitmentSnapshot?> LoadAsync(string contractId, string clauseId, string definitionHash, CancellationToken cancellationToken) =>
            inner.LoadAsync(contractId, clauseId, definitionHash, cancellationToken);

        public Task SaveAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, CancellationToken cancellationToken) =>
            inner.SaveAsync(contractId, clauseId, definitionHash, snapshot, cancellationToken);

        public Task BeginRecordingAsync(string contractId, string clauseId, string definitionHash, CommitmentSnapshot snapshot, string journal, CancellationToken cancellationToken) =>
            inner.BeginRecordingAsync(contractId, clauseId, definitionHash, snapshot, journal, cancellationToken);

        public Task EndRecordingAsync(string contractId, string clauseId, CancellationToken cancellationToken) =>
            crashPoint == "before-journal-cleared" ? throw new SimulatedCrash() : inner.EndRecordingAsync(contractId, clauseId, cancellationToken);

        public Task<IReadOnlyList<StoredCommitment>> AllAsync(CancellationToken cancellationToken) => inner.AllAsync(cancellationToken);

        public Task DeleteAsync(string contractId, string clauseId, CancellationToken cancellationToken) => inner.DeleteAsync(contractId, clauseId, cancellationToken);
    }
}
