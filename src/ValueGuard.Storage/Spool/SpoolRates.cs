namespace ValueGuard.Storage.Spool;

/// <summary>
/// Ingest into and drain out of the spool over a recent stretch, and when the spool would be full if both
/// kept their pace (<see cref="TimeUntilFull"/> is null when it is not filling up).
/// </summary>
public sealed record SpoolRates(
    TimeSpan Over,
    double IngestSamplesPerSecond,
    double DrainSamplesPerSecond,
    double IngestBytesPerSecond,
    double DrainBytesPerSecond,
    TimeSpan? TimeUntilFull);
