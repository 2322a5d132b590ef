namespace ValueGuard.Storage.Influx;

/// <summary>One line InfluxDB refused, by its zero-based index in what was written, with InfluxDB's reason.</summary>
public sealed record RejectedLine(int Index, string Line, string Reason);
