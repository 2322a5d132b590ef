using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// What one step of a clause still has to record, kept with the clause's state until it is recorded: the ledger's
/// record count before the step and, in order, each evidence record with the escalation actions that cite it.
/// </summary>
internal sealed record RecordingJournal(long LedgerCount, IReadOnlyList<PendingEvidence> Entries)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonlEvidenceLedger.BodyOptions);

    public static RecordingJournal FromJson(string json) =>
        JsonSerializer.Deserialize<RecordingJournal>(json, JsonlEvidenceLedger.BodyOptions)
        ?? throw new InvalidDataException("the clause's recording journal is empty");
}

/// <summary>An evidence record to append, and the actions to enqueue once its hash is known.</summary>
internal sealed record PendingEvidence(string Kind, DateTimeOffset At, JsonElement Body, IReadOnlyList<PendingAction> Actions)
{
    public static PendingEvidence Of<TBody>(string kind, DateTimeOffset at, TBody body, IReadOnlyList<PendingAction>? actions = null) =>
        new(kind, at, JsonSerializer.SerializeToElement(body, JsonlEvidenceLedger.BodyOptions), actions ?? []);
}

/// <summary>An escalation action for the given sinks; its content's evidence hash is filled in when its record is written.</summary>
internal sealed record PendingAction(EscalationAction Action, IReadOnlyList<string> Sinks);
