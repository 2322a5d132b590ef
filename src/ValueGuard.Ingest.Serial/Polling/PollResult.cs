using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>The samples one poll produced and the reads that failed (timeouts, exception responses, a backed-off slave).</summary>
public sealed record PollResult(IReadOnlyList<Sample> Samples, IReadOnlyList<Exception> Failures);
