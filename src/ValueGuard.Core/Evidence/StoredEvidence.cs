using System.Text.Json;

namespace ValueGuard.Core.Evidence;

/// <summary>A record read back from the evidence ledger: the record and its body.</summary>
public sealed record StoredEvidence(EvidenceRecord Record, JsonElement Body);
