using System.Buffers.Binary;
using System.Text;
using ValueGuard.Core.Signals;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// The payload of a spool record: a count, then per sample the device and signal as length-prefixed
/// UTF-8, UTC ticks and the value's IEEE bits, all little-endian.
/// </summary>
internal static class SampleBatchCodec
{
    public static byte[] Encode(IReadOnlyList<Sample> samples)
    {
        var size = 4;
        foreach (var s in samples) size += 2 + Length(s.Signal.Device) + 2 + Length(s.Signal.Signal) + 16;
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, samples.Count);
        var at = 4;
        foreach (var s in samples)
        {
            at += WriteText(span[at..], s.Signal.Device);
            at += WriteText(span[at..], s.Signal.Signal);
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], s.Timestamp.UtcTicks);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], s.Value);
            at += 16;
        }
        return bytes;
    }

    /// <summary>Null when the bytes are not a batch (only possible if the checksum missed damage).</summary>
    public static List<Sample>? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) return null;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (count < 0 || count > bytes.Length / 20) return null;
        var samples = new List<Sample>(count);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadText(bytes, ref at, out var device) || !TryReadText(bytes, ref at, out var signal) || bytes.Length - at < 16) return null;
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + 8)..]);
            at += 16;
            samples.Add(new Sample(new SignalId(device, signal), new DateTimeOffset(ticks, TimeSpan.Zero), value));
        }
        return at == bytes.Length ? samples : null;
    }

    private static int Length(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > ushort.MaxValue) throw new ArgumentException($"A device or signal name of {length} bytes is too long for the spool (at most {ushort.MaxValue}).");
        return length;
    }

    private static int WriteText(Span<byte> span, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, span[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length);
        return 2 + length;
    }

    private static bool TryReadText(ReadOnlySpan<byte> bytes, ref int at, out string text)
    {
        text = "";
        if (bytes.Length - at < 2) return false;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
        if (bytes.Length - at - 2 < length) return false;
        text = Encoding.UTF8.GetString(bytes.Slice(at + 2, length));
        at += 2 + length;
        return true;
    }
}
