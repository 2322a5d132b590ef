namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>How the master waits, retries and shares one bus between its slaves.</summary>
public sealed class ModbusMasterOptions
{
    /// <summary>How long to wait for the first to last byte of an answer after a request is on the wire.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Further attempts after a timeout or a corrupted answer, for a slave that has been answering.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Silence kept between the end of one exchange and the next request, on top of the RTU 3.5 characters (slow slaves need more).</summary>
    public TimeSpan RequestGap { get; init; } = TimeSpan.Zero;

    /// <summary>First back-off of a slave that stopped answering; it doubles per failed probe up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests waiting for the bus; callers wait when it is full.</summary>
    public int QueueCapacity { get; init; } = 256;

    public void Validate()
    {
        if (ResponseTimeout <= TimeSpan.Zero) throw new ArgumentException("ModbusMasterOptions.ResponseTimeout must be positive; 500 ms suits most slaves at 9600 baud and above.");
        if (Retries is < 0 or > 10) throw new ArgumentException($"ModbusMasterOptions.Retries: {Retries}; use 0 to 10.");
        if (RequestGap < TimeSpan.Zero) throw new ArgumentException("ModbusMasterOptions.RequestGap must not be negative.");
        if (MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff) throw new ArgumentException("ModbusMasterOptions: MinBackoff must be positive and at most MaxBackoff.");
        if (QueueCapacity < 1) throw new ArgumentException("ModbusMasterOptions.QueueCapacity must be at least 1.");
    }
}
