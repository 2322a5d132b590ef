namespace ValueGuard.EdgeHub.Methods;

/// <summary>The sample buffer: the store samples go to, and what waits in the disk spool (0 for the embedded store).</summary>
public sealed record BufferHealth(string Store, long PendingRecords, long SpoolBytes);
