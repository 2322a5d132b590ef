namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>What an ASCII line reader saw: for status, metrics and tests.</summary>
public sealed class AsciiLineCounters
{
    /// <summary>Lines that became samples.</summary>
    public long Decoded { get; internal set; }

    /// <summary>Lines with bytes that are not printable ASCII (line noise, wrong baud rate).</summary>
    public long Garbage { get; internal set; }

    /// <summary>Lines longer than the maximum (a lost terminator).</summary>
    public long Overlong { get; internal set; }

    /// <summary>Lines whose <c>*HH</c> checksum was missing or wrong.</summary>
    public long BadChecksum { get; internal set; }

    /// <summary>Lines the decoder did not match (truncated, another sentence type, a number that is not one).</summary>
    public long Unmatched { get; internal set; }
}
