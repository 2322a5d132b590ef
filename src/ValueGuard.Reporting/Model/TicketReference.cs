namespace ValueGuard.Reporting.Model;

/// <summary>A ticket of a breach episode in one sink: its id there (once delivered) and its delivery status.</summary>
public sealed record TicketReference(string Sink, string? RemoteId, string Status);
