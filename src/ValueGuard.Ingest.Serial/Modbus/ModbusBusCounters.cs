namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>What happened on one bus since start: for status, metrics and tests.</summary>
public sealed class ModbusBusCounters
{
    private long requests;
    private long responses;
    private long exceptions;
    private long crcErrors;
    private long timeouts;
    private long noiseBytes;
    private long skipped;

    /// <summary>Frames sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Valid normal responses.</summary>
    public long Responses => Interlocked.Read(ref responses);

    /// <summary>Valid exception responses.</summary>
    public long ExceptionResponses => Interlocked.Read(ref exceptions);

    /// <summary>Frames with the expected header and length whose CRC did not check.</summary>
    public long CrcErrors => Interlocked.Read(ref crcErrors);

    /// <summary>Attempts that got no valid answer within the response timeout.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Bytes dropped while resynchronising.</summary>
    public long NoiseBytes => Interlocked.Read(ref noiseBytes);

    /// <summary>Requests not sent because their slave was backed off.</summary>
    public long SkippedBackedOff => Interlocked.Read(ref skipped);

    internal void OnRequest() => Interlocked.Increment(ref requests);
    internal void OnResponse() => Interlocked.Increment(ref responses);
    internal void OnException() => Interlocked.Increment(ref exceptions);
    internal void OnCrcError() => Interlocked.Increment(ref crcErrors);
    internal void OnTimeout() => Interlocked.Increment(ref timeouts);
    internal void OnNoise(int bytes) => Interlocked.Add(ref noiseBytes, bytes);
    internal void OnSkipped() => Interlocked.Increment(ref skipped);
}
