using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>
/// The samples one poll produced, the reads that failed (timeouts, exception responses, a backed-off slave) and how
/// many values were read but refused by their register's <c>valid</c> limits.
/// </summary>
public sealed record PollResult(IReadOnlyList<Sample> Samples, IReadOnlyList<Exception> Failures, int InvalidValues = 0);
