namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>
/// Whether a slave answers. After a failed exchange the slave is backed off (doubling) and only probed once per
/// back-off with a single attempt, so a dead slave costs one response timeout per back-off period, not every poll.
/// </summary>
internal sealed class SlaveHealth
{
    public int ConsecutiveFailures { get; private set; }

    public DateTimeOffset RetryAt { get; private set; } = DateTimeOffset.MinValue;

    public bool IsFailing => ConsecutiveFailures > 0;

    public bool IsBackedOff(DateTimeOffset now) => now < RetryAt;

    public void OnAnswered()
    {
        ConsecutiveFailures = 0;
        RetryAt = DateTimeOffset.MinValue;
    }

    public TimeSpan OnFailed(DateTimeOffset now, ModbusMasterOptions options)
    {
        ConsecutiveFailures++;
        var backoff = options.MinBackoff * Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 20));
        if (backoff > options.MaxBackoff) backoff = options.MaxBackoff;
        RetryAt = now + backoff;
        return backoff;
    }
}
