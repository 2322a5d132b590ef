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
    /// <summary>The size of <paramref name="samples"/> encoded, to rent a buffer for <see cref="EncodeInto"/>.</summary>
    public static int EncodedSize(IReadOnlyList<Sample> samples)
    {
        var size = 4;
        for (var i = 0; i < samples.Count; i++)
            size += 2 + Length(samples[i].Signal.Device) + 2 + Length(samples[i].Signal.Signal) + 16;
        return size;
    }

    /// <summary>
    /// The batch in consecutive pieces whose encoded size is at most <paramref name="maxPayloadBytes"/>, in order;
    /// a single sample larger than that is a piece of its own (the caller refuses it).
    /// </summary>
    public static IEnumerable<IReadOnlyList<Sample>> Split(IReadOnlyList<Sample> samples, int maxPayloadBytes)
    {
        var piece = new List<Sample>();
        var size = 4;
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var bytes = 2 + Length(s.Signal.Device) + 2 + Length(s.Signal.Signal) + 16;
            if (piece.Count > 0 && size + bytes > maxPayloadBytes)
            {
                yield return piece;
                piece = [];
                size = 4;
            }
            piece.Add(s);
            size += bytes;
        }
        if (piece.Count > 0) yield return piece;
    }

    /// <summary>Writes the batch to the start of <paramref name="span"/>, which holds at least <see cref="EncodedSize"/> bytes.</summary>
    public static void EncodeInto(IReadOnlyList<Sample> samples, Span<byte> span)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, samples.Count);
        var at = 4;
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            at += WriteText(span[at..], s.Signal.Device);
            at += WriteText(span[at..], s.Signal.Signal);
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], s.Timestamp.UtcTicks);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], s.Value);
            at += 16;
        }
    }

    /// <summary>Null when the bytes are not a batch (only possible if the checksum missed damage).</summary>
    public static List<Sample>? Decode(ReadOnlySpan<byte> bytes, SpoolNames names)
    {
        var samples = new List<Sample>();
        return DecodeInto(bytes, samples, names) ? samples : null;
    }

    /// <summary>
    /// Appends the batch's samples to <paramref name="samples"/>; false (and nothing appended) when the bytes are not a batch.
    /// Device and signal names come from <paramref name="names"/>, so a batch read back allocates no strings.
    /// </summary>
    public static bool DecodeInto(ReadOnlySpan<byte> bytes, List<Sample> samples, SpoolNames names)
    {
        if (bytes.Length < 4) return false;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (count < 0 || count > bytes.Length / 20) return false;
        var before = samples.Count;
        samples.EnsureCapacity(before + count);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadText(bytes, ref at, names, out var device) || !TryReadText(bytes, ref at, names, out var signal) || bytes.Length - at < 16) break;
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) break;
            var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + 8)..]);
            at += 16;
            samples.Add(new Sample(new SignalId(device, signal), new DateTimeOffset(ticks, TimeSpan.Zero), value));
        }
        if (samples.Count - before == count && at == bytes.Length) return true;
        samples.RemoveRange(before, samples.Count - before);
        return false;
    }

    /// <summary>
    /// The number of samples in a batch whose layout is intact (count, then per sample two length-prefixed names and
    /// 16 bytes, ending exactly at the end), whatever its names and values now hold; -1 when the layout does not add up.
    /// For counting what a damaged record held.
    /// </summary>
    public static int CountSamples(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) return -1;
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (count < 0 || count > bytes.Length / 20) return -1;
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            for (var name = 0; name < 2; name++)
            {
                if (bytes.Length - at < 2) return -1;
                at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            }
            at += 16;
            if (at > bytes.Length) return -1;
        }
        return at == bytes.Length ? count : -1;
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

    private static bool TryReadText(ReadOnlySpan<byte> bytes, ref int at, SpoolNames names, out string text)
    {
        text = "";
        if (bytes.Length - at < 2) return false;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
        if (bytes.Length - at - 2 < length) return false;
        text = names.Get(bytes.Slice(at + 2, length));
        at += 2 + length;
        return true;
    }
}
