using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Evidence;

/// <summary>Samples of one signal that were accepted and then dropped, and the time they span (both ends included).</summary>
public sealed record SignalLoss(SignalId Signal, long Samples, DateTimeOffset From, DateTimeOffset To);
