using ValueGuard.Configuration.Profiles;

namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>
/// One signal in a device's register map: where it lives, how its registers read as a number, and the linear
/// conversion to engineering units (<c>raw * Scale + Offset</c>). <see cref="BitIndex"/> picks one bit (0 = least
/// significant) out of a 16-bit register for status words. <see cref="Flag"/> makes the point 1 when the raw value
/// reaches its limits and 0 otherwise (a 4–20 mA loop's NAMUR NE 43 failure band); <see cref="Valid"/> refuses raw
/// values that reach its limits, so a broken loop's reading is never stored as a measurement.
/// </summary>
public sealed record RegisterPoint(string Signal, ModbusTable Table, ushort Address, RegisterType Type = RegisterType.UInt16)
{
    public DataOrder Order { get; init; } = DataOrder.BigEndian;

    public int? BitIndex { get; init; }

    public double Scale { get; init; } = 1;

    public double Offset { get; init; }

    public RawLimits? Flag { get; init; }

    public RawLimits? Valid { get; init; }

    public bool IsBitTable => Table is ModbusTable.Coil or ModbusTable.DiscreteInput;

    /// <summary>Coils or registers the point covers.</summary>
    public int Width => IsBitTable ? 1 : RegisterCodec.WordCount(Type);

    /// <summary>A message that names the point and the fix, or null when it is valid.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Signal)) return "a register point needs a signal name";
        if (IsBitTable && Type != RegisterType.Bit) return $"{Signal}: coils and discrete inputs are single bits; use type bit";
        if (!IsBitTable && Type == RegisterType.Bit && BitIndex is null) return $"{Signal}: a bit in a register needs a bit index 0..15";
        if (BitIndex is { } bit && (bit is < 0 or > 15 || Type is not (RegisterType.UInt16 or RegisterType.Int16 or RegisterType.Bit) || IsBitTable))
            return $"{Signal}: bit index {bit} needs a 16-bit register type (uint16) and 0..15";
        if (Address + Width > 0x10000) return $"{Signal}: address {Address} + {Width} runs past 65535";
        if (!double.IsFinite(Scale) || Scale == 0 || !double.IsFinite(Offset)) return $"{Signal}: scale must be a non-zero number and offset a number";
        return null;
    }

    /// <summary>The engineering value from the point's registers (or its bit), whether or not it is valid.</summary>
    public double Decode(ReadOnlySpan<ushort> words)
    {
        var raw = Raw(words);
        return Flag is { } flag ? (flag.Reached(raw) ? 1 : 0) : raw * Scale + Offset;
    }

    /// <summary>The engineering value, or false when the raw value reaches the limits of <see cref="Valid"/>.</summary>
    public bool TryDecode(ReadOnlySpan<ushort> words, out double value)
    {
        value = Decode(words);
        return Valid is not { } valid || !valid.Reached(Raw(words));
    }

    private double Raw(ReadOnlySpan<ushort> words) => BitIndex is { } bit ? (words[0] >> bit) & 1 : RegisterCodec.Decode(words, Type, Order);
}
