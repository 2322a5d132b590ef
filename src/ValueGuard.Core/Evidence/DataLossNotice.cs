namespace ValueGuard.Core.Evidence;

/// <summary>
/// Samples the gateway accepted but had to drop (a full or too old spool), per signal with their time
/// span, and why. Recorded in the evidence ledger as <see cref="EvidenceKinds.DataLoss"/>; the time it
/// names counts as unknown for those signals, so it lowers coverage instead of passing silently.
/// </summary>
public sealed record DataLossNotice(string Source, string Reason, string Policy, long Records, long Samples, IReadOnlyList<SignalLoss> Signals)
{
    public DateTimeOffset? From => Signals.Count == 0 ? null : Signals.Min(s => s.From);

    public DateTimeOffset? To => Signals.Count == 0 ? null : Signals.Max(s => s.To);
}
