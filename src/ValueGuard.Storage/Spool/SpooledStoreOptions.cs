namespace ValueGuard.Storage.Spool;

/// <summary>How <see cref="SpooledTimeSeriesStore"/> forwards spooled batches to the store behind it.</summary>
public sealed record SpooledStoreOptions
{
    /// <summary>Samples per write to the inner store; several spooled batches are joined up to this.</summary>
    public int MaxSamplesPerWrite { get; init; } = 20_000;

    /// <summary>
    /// How long the forwarder waits, when fewer than <see cref="MaxSamplesPerWrite"/> samples are pending, for more to
    /// join the write. InfluxDB spends about as much per write request as per thousand points, so at plant rates a few
    /// large writes cost it far less CPU than many small ones; the samples are durable in the spool meanwhile.
    /// Zero forwards at once.
    /// </summary>
    public TimeSpan ForwardLinger { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait after the first failed forward, doubled per further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a later piece of a batch too large for one spool record waits for the forwarder to free room in a full
    /// spool (policy refuse) before the write fails and the caller retries it.
    /// </summary>
    public TimeSpan RoomWait { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxSamplesPerWrite < 1) problems.Add("spool.max_samples_per_write must be 1 or more");
        if (ForwardLinger < TimeSpan.Zero) problems.Add("spool.forward_linger must not be negative");
        if (RetryDelay <= TimeSpan.Zero) problems.Add("spool.retry_delay must be positive, for example 1s");
        if (MaxRetryDelay < RetryDelay) problems.Add("spool.max_retry_delay must be at least spool.retry_delay");
        if (RoomWait < TimeSpan.Zero) problems.Add("SpooledStoreOptions.RoomWait must not be negative");
        return problems;
    }
}
