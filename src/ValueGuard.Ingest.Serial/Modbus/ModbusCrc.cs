namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>
/// The CRC-16 of Modbus RTU (reflected polynomial 0xA001, initial value 0xFFFF), sent low byte first.
/// A frame that carries its own CRC checks to a residue of zero.
/// </summary>
public static class ModbusCrc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data) crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        return crc;
    }

    /// <summary>Writes the CRC of <paramref name="frame"/>[..length] after it, low byte first; returns the new length.</summary>
    public static int Append(Span<byte> frame, int length)
    {
        var crc = Compute(frame[..length]);
        frame[length] = (byte)crc;
        frame[length + 1] = (byte)(crc >> 8);
        return length + 2;
    }

    /// <summary>True when the last two bytes are the CRC of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) => frame.Length >= 4 && Compute(frame) == 0;

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            table[i] = crc;
        }
        return table;
    }
}
