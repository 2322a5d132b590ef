using System.Buffers.Binary;

namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>Turns registers into numbers and back for every <see cref="RegisterType"/> and <see cref="DataOrder"/>.</summary>
public static class RegisterCodec
{
    /// <summary>Registers one value of the type occupies.</summary>
    public static int WordCount(RegisterType type) => type switch
    {
        RegisterType.Bit or RegisterType.Int16 or RegisterType.UInt16 => 1,
        RegisterType.Int32 or RegisterType.UInt32 or RegisterType.Float32 => 2,
        _ => 4,
    };

    /// <summary>Puts the registers' bytes most significant first, undoing the device's word and byte order.</summary>
    public static void ToBigEndianBytes(ReadOnlySpan<ushort> words, DataOrder order, Span<byte> bytes)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[order.WordOrder == Endianness.Big ? i : words.Length - 1 - i];
            if (order.ByteOrder == Endianness.Little) word = BinaryPrimitives.ReverseEndianness(word);
            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], word);
        }
    }

    /// <summary>The inverse of <see cref="ToBigEndianBytes"/>.</summary>
    public static void FromBigEndianBytes(ReadOnlySpan<byte> bytes, DataOrder order, Span<ushort> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var word = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
            if (order.ByteOrder == Endianness.Little) word = BinaryPrimitives.ReverseEndianness(word);
            words[order.WordOrder == Endianness.Big ? i : words.Length - 1 - i] = word;
        }
    }

    /// <summary>The value of <see cref="WordCount"/> registers. 64-bit integers beyond 2^53 lose their lowest bits in a double.</summary>
    public static double Decode(ReadOnlySpan<ushort> words, RegisterType type, DataOrder order)
    {
        Span<byte> b = stackalloc byte[8];
        var count = WordCount(type);
        ToBigEndianBytes(words[..count], order, b);
        return type switch
        {
            RegisterType.Bit or RegisterType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(b),
            RegisterType.Int16 => BinaryPrimitives.ReadInt16BigEndian(b),
            RegisterType.Int32 => BinaryPrimitives.ReadInt32BigEndian(b),
            RegisterType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(b),
            RegisterType.Int64 => BinaryPrimitives.ReadInt64BigEndian(b),
            RegisterType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(b),
            RegisterType.Float32 => BinaryPrimitives.ReadSingleBigEndian(b),
            RegisterType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(b),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    /// <summary>The registers a device holding <paramref name="value"/> would send (for the simulator and for writes).</summary>
    public static ushort[] Encode(double value, RegisterType type, DataOrder order)
    {
        Span<byte> b = stackalloc byte[8];
        switch (type)
        {
            case RegisterType.Bit or RegisterType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(b, checked((ushort)value)); break;
            case RegisterType.Int16: BinaryPrimitives.WriteInt16BigEndian(b, checked((short)value)); break;
            case RegisterType.Int32: BinaryPrimitives.WriteInt32BigEndian(b, checked((int)value)); break;
            case RegisterType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(b, checked((uint)value)); break;
            case RegisterType.Int64: BinaryPrimitives.WriteInt64BigEndian(b, checked((long)value)); break;
            case RegisterType.UInt64: BinaryPrimitives.WriteUInt64BigEndian(b, checked((ulong)value)); break;
            case RegisterType.Float32: BinaryPrimitives.WriteSingleBigEndian(b, (float)value); break;
            case RegisterType.Float64: BinaryPrimitives.WriteDoubleBigEndian(b, value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
        var words = new ushort[WordCount(type)];
        FromBigEndianBytes(b[..(2 * words.Length)], order, words);
        return words;
    }
}
