namespace ValueGuard.Storage.Influx;

/// <summary>
/// What became of a write: InfluxDB stores every line it can parse and reports the others; points it
/// parsed but could not store (a field type conflict, outside the retention policy) only count in
/// <see cref="DroppedPoints"/>, because InfluxDB does not say which lines they were.
/// </summary>
public sealed record InfluxWriteResult(int LinesSent, IReadOnlyList<RejectedLine> Rejected, int DroppedPoints)
{
    public static InfluxWriteResult Empty { get; } = new(0, [], 0);

    public bool AllStored => Rejected.Count == 0 && DroppedPoints == 0;

    public InfluxWriteResult Add(InfluxWriteResult other) =>
        new(LinesSent + other.LinesSent, [.. Rejected, .. other.Rejected], DroppedPoints + other.DroppedPoints);
}
