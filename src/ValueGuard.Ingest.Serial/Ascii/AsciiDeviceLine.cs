using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// One ASCII device on a serial line of its own: the line's settings, the device's name on the site and its
/// <c>transport: ascii-line</c> profile. A line that cannot be opened or goes away is opened again after
/// <see cref="MinReopenDelay"/>, doubling up to <see cref="MaxReopenDelay"/>.
/// </summary>
public sealed record AsciiDeviceLine(SerialLineSettings Line, string Device, DeviceProfile Profile)
{
    public TimeSpan MinReopenDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReopenDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A reader for the device: framing and checksum from the profile's <c>ascii:</c> section, a field per signal.</summary>
    public AsciiLineReader CreateReader()
    {
        var ascii = Profile.Ascii ?? throw new ArgumentException($"Profile {Profile.Name} is not an ascii-line profile.", nameof(Profile));
        var options = new AsciiLineOptions { Terminator = ascii.Terminator, MaxLineLength = ascii.MaxLineLength, NmeaChecksum = ascii.NmeaChecksum };
        ILineDecoder decoder = ascii.KeyValue ? new KeyValueLineDecoder() : new RegexLineDecoder(ascii.Pattern!);
        var fields = Profile.Signals.Values
            .Select(s => new AsciiField(s.Field, s.Name) { Scale = s.Scale, Offset = s.Offset, Values = s.Values })
            .ToList();
        return new AsciiLineReader(Device, options, decoder, fields);
    }
}
