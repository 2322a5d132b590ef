using System.Text.Json;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Escalation.Outbox;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Records a clause's step so that a crash at any point neither loses nor repeats anything. The evidence ledger and
/// the state store are two files, so the step is written ahead: the snapshot it leads to and a
/// <see cref="RecordingJournal"/> of its records and actions go into the state store in one write; then each record is
/// appended to the ledger and its actions are enqueued; then the journal is cleared. A crash leaves either the old
/// snapshot with nothing recorded (the step is evaluated again) or the new snapshot with its journal, which
/// <see cref="RecoverAsync"/> finishes at the next start: a record already in the ledger is found there, not appended
/// a second time, and the actions are enqueued again (the outbox ignores an idempotency key it already has).
/// </summary>
internal sealed partial class ClauseRecording(ICommitmentStore commitments, IEvidenceLedger ledger, EscalationOutbox outbox, ILogger log)
{
    private readonly List<PendingEvidence> finished = [];

    /// <summary>The records of the steps <see cref="RecoverAsync"/> finished (so that an operator action queued again is not applied twice).</summary>
    public IReadOnlyList<PendingEvidence> Finished => finished;

    /// <summary>Saves <paramref name="next"/> and records <paramref name="entries"/>; returns the records, in order.</summary>
    public async Task<IReadOnlyList<EvidenceRecord>> CommitAsync(string contractId, string clauseId, string definition, CommitmentSnapshot next,
        IReadOnlyList<PendingEvidence> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            await commitments.SaveAsync(contractId, clauseId, definition, next, ct).ConfigureAwait(false);
            return [];
        }
        var journal = new RecordingJournal(ledger.Count, entries);
        await commitments.BeginRecordingAsync(contractId, clauseId, definition, next, journal.ToJson(), ct).ConfigureAwait(false);
        var records = await WriteAsync(journal, [], ct).ConfigureAwait(false);
        await commitments.EndRecordingAsync(contractId, clauseId, ct).ConfigureAwait(false);
        return records;
    }

    /// <summary>Finishes every step a crash interrupted; call at start, before anything else records. Returns how many there were.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var recovered = 0;
        foreach (var stored in await commitments.AllAsync(ct).ConfigureAwait(false))
        {
            if (stored.Journal is null) continue;
            var journal = RecordingJournal.FromJson(stored.Journal);
            var written = await ledger.ReadAfterAsync(journal.LedgerCount, ct).ConfigureAwait(false);
            var before = ledger.Count;
            await WriteAsync(journal, written, ct).ConfigureAwait(false);
            await commitments.EndRecordingAsync(stored.ContractId, stored.ClauseId, ct).ConfigureAwait(false);
            finished.AddRange(journal.Entries);
            LogRecovered(log, stored.ContractId, stored.ClauseId, journal.Entries.Count, (int)(ledger.Count - before));
            recovered++;
        }
        return recovered;
    }

    private async Task<IReadOnlyList<EvidenceRecord>> WriteAsync(RecordingJournal journal, IReadOnlyList<StoredEvidence> written, CancellationToken ct)
    {
        var records = new List<EvidenceRecord>(journal.Entries.Count);
        var searchFrom = 0;
        foreach (var entry in journal.Entries)
        {
            var found = IndexOf(written, entry, searchFrom);
            EvidenceRecord record;
            if (found >= 0)
            {
                record = written[found].Record;
                searchFrom = found + 1;
            }
            else
            {
                record = await ledger.AppendAsync(entry.Kind, entry.At, entry.Body, ct).ConfigureAwait(false);
            }
            foreach (var pending in entry.Actions)
            {
                var action = pending.Action with { Content = pending.Action.Content with { EvidenceHash = record.Hash } };
                await outbox.EnqueueAsync(action, pending.Sinks, ct).ConfigureAwait(false);
            }
            records.Add(record);
        }
        return records;
    }

    /// <summary>The journal's records reach the ledger in order, so each is searched for after the one before it.</summary>
    private static int IndexOf(IReadOnlyList<StoredEvidence> written, PendingEvidence entry, int from)
    {
        for (var i = from; i < written.Count; i++)
        {
            var w = written[i];
            // The ledger keeps instants to the millisecond.
            if (w.Record.Kind == entry.Kind && (w.Record.At - entry.At).Duration() < TimeSpan.FromMilliseconds(1) && JsonElement.DeepEquals(w.Body, entry.Body)) return i;
        }
        return -1;
    }

    [LoggerMessage(EventId = 2015, EventName = "InterruptedRecordingFinished", Level = LogLevel.Warning,
        Message = "Clause {ContractId}/{ClauseId}: finished a step the last run did not finish recording ({Entries} evidence records, {Appended} of them appended now)")]
    private static partial void LogRecovered(ILogger log, string contractId, string clauseId, int entries, int appended);
}
