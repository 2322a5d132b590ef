namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>How an ASCII device frames its lines.</summary>
public sealed class AsciiLineOptions
{
    /// <summary>What ends a line: "\n" (a preceding "\r" is trimmed), "\r\n", "\r" or any other text.</summary>
    public string Terminator { get; init; } = "\n";

    /// <summary>Longer lines are dropped and counted; reading resumes after the next terminator.</summary>
    public int MaxLineLength { get; init; } = 256;

    /// <summary>Whether lines carry an NMEA-style <c>*HH</c> checksum (XOR of the bytes between <c>$</c> and <c>*</c>).</summary>
    public bool NmeaChecksum { get; init; }

    public void Validate()
    {
        if (string.IsNullOrEmpty(Terminator) || Terminator.Any(c => c > 0x7F))
            throw new ArgumentException("AsciiLineOptions.Terminator: give the ASCII text that ends a line, for example \"\\n\" or \"\\r\\n\".");
        if (MaxLineLength is < 8 or > 65536)
            throw new ArgumentException($"AsciiLineOptions.MaxLineLength: {MaxLineLength}; use 8 to 65536 characters.");
    }
}
