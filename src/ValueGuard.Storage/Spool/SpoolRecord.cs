using ValueGuard.Core.Signals;

namespace ValueGuard.Storage.Spool;

/// <summary>One appended batch, numbered in append order; confirm it with its <see cref="Sequence"/>.</summary>
public sealed record SpoolRecord(long Sequence, IReadOnlyList<Sample> Samples);
