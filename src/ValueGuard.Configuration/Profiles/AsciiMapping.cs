namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// The ASCII line side of a profile (<c>transport: ascii-line</c>): how lines end, how long one may be, whether it
/// carries an NMEA <c>*HH</c> checksum, and how fields are found in it: a regular expression whose named groups are
/// the fields (<see cref="Pattern"/>), or <c>KEY=value</c> pairs (<see cref="KeyValue"/>). Each signal of the profile
/// names its field in <see cref="SignalMapping.Field"/>.
/// </summary>
public sealed record AsciiMapping(string Terminator, int MaxLineLength, bool NmeaChecksum, string? Pattern, bool KeyValue);
