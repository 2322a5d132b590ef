namespace ValueGuard.Core.Windows;

/// <summary>The instants a contract's windows are anchored to.</summary>
public sealed record ContractTimeline(DateTimeOffset GoLive);
