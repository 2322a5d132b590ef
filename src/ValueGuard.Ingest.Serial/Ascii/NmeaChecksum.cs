using System.Globalization;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>The NMEA 0183 sentence checksum: two hex digits after <c>*</c>, the XOR of every byte between <c>$</c> and <c>*</c>.</summary>
public static class NmeaChecksum
{
    public static byte Compute(ReadOnlySpan<byte> body)
    {
        byte sum = 0;
        foreach (var b in body) sum ^= b;
        return sum;
    }

    /// <summary>The text between <c>$</c> and <c>*</c> when the line carries a matching checksum; false otherwise.</summary>
    public static bool TryStrip(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> body)
    {
        body = default;
        var star = line.LastIndexOf((byte)'*');
        if (line.Length < 4 || line[0] != (byte)'$' || star < 1 || line.Length - star != 3) return false;
        if (!byte.TryParse(line[(star + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected)) return false;
        if (Compute(line[1..star]) != expected) return false;
        body = line[1..star];
        return true;
    }

    /// <summary>Appends <c>*HH</c> to a <c>$</c>-sentence, for simulators and tests.</summary>
    public static string Seal(string sentence) =>
        $"{sentence}*{Compute(System.Text.Encoding.ASCII.GetBytes(sentence[1..])):X2}";
}
