namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>
/// The RTU times of a line speed: one character is 11 bits (start, 8 data, parity or second stop, stop);
/// frames are separated by 3.5 characters of silence, fixed at 1.75 ms above 19200 baud as the
/// Modbus over Serial Line specification (2.5.1.1) recommends.
/// </summary>
public readonly record struct RtuTiming(int BaudRate)
{
    public TimeSpan CharacterTime => TimeSpan.FromTicks((long)Math.Ceiling(11.0 * TimeSpan.TicksPerSecond / BaudRate));

    public TimeSpan FrameSilence => BaudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : CharacterTime * 3.5;

    /// <summary>How long <paramref name="bytes"/> take on the wire.</summary>
    public TimeSpan Transmission(int bytes) => CharacterTime * bytes;
}
