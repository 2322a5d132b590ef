using System.Buffers.Binary;

namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>One request to one slave, and what a valid answer to it must look like.</summary>
public sealed record ModbusRequest
{
    private ModbusRequest(byte slave, ModbusFunction function, ushort address, ushort quantity, byte[] frame)
    {
        Slave = slave;
        Function = function;
        Address = address;
        Quantity = quantity;
        Frame = frame;
    }

    public byte Slave { get; }

    public ModbusFunction Function { get; }

    public ushort Address { get; }

    /// <summary>Coils or registers read or written.</summary>
    public ushort Quantity { get; }

    /// <summary>The RTU frame on the wire: slave, PDU, CRC.</summary>
    public byte[] Frame { get; }

    /// <summary>Byte count a normal response carries after the function code, for reads; null for writes (which echo).</summary>
    public int? ResponseDataLength => Function switch
    {
        ModbusFunction.ReadCoils or ModbusFunction.ReadDiscreteInputs => (Quantity + 7) / 8,
        ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters => Quantity * 2,
        _ => null,
    };

    /// <summary>Length of a normal response frame including slave, function and CRC.</summary>
    public int ResponseLength => ResponseDataLength is { } n ? 3 + n + 2 : 8;

    public static ModbusRequest Read(byte slave, ModbusFunction function, ushort address, ushort quantity)
    {
        var max = function switch
        {
            ModbusFunction.ReadCoils or ModbusFunction.ReadDiscreteInputs => 2000,
            ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters => 125,
            _ => throw new ArgumentException($"{function} is not a read function.", nameof(function)),
        };
        if (quantity < 1 || quantity > max) throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"{function} reads 1 to {max} items per request.");
        CheckRange(address, quantity);
        return Build(slave, function, address, quantity, quantity);
    }

    public static ModbusRequest WriteSingleCoil(byte slave, ushort address, bool on) =>
        Build(slave, ModbusFunction.WriteSingleCoil, address, 1, on ? (ushort)0xFF00 : (ushort)0x0000);

    public static ModbusRequest WriteSingleRegister(byte slave, ushort address, ushort value) =>
        Build(slave, ModbusFunction.WriteSingleRegister, address, 1, value);

    public static ModbusRequest WriteMultipleRegisters(byte slave, ushort address, ReadOnlySpan<ushort> values)
    {
        if (values.Length is < 1 or > 123) throw new ArgumentOutOfRangeException(nameof(values), values.Length, "Function 16 writes 1 to 123 registers per request.");
        CheckSlave(slave);
        CheckRange(address, values.Length);
        var frame = new byte[9 + values.Length * 2];
        frame[0] = slave;
        frame[1] = (byte)ModbusFunction.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), address);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)values.Length);
        frame[6] = (byte)(values.Length * 2);
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(7 + i * 2), values[i]);
        ModbusCrc.Append(frame, frame.Length - 2);
        return new ModbusRequest(slave, ModbusFunction.WriteMultipleRegisters, address, (ushort)values.Length, frame);
    }

    /// <summary>
    /// Whether a CRC-valid normal response of the expected length answers this request: reads carry the
    /// expected byte count, writes echo address and value (05, 06) or address and quantity (16).
    /// </summary>
    public bool IsAnsweredBy(ReadOnlySpan<byte> response) => ResponseDataLength is { } n
        ? response[2] == n
        : response[2..6].SequenceEqual(Frame.AsSpan(2, 4));

    private static ModbusRequest Build(byte slave, ModbusFunction function, ushort address, ushort quantity, ushort word)
    {
        CheckSlave(slave);
        var frame = new byte[8];
        frame[0] = slave;
        frame[1] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), address);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), word);
        ModbusCrc.Append(frame, 6);
        return new ModbusRequest(slave, function, address, quantity, frame);
    }

    private static void CheckSlave(byte slave)
    {
        // 0 is broadcast (no answer) and 248..255 are reserved: a poller never addresses them.
        if (slave is < 1 or > 247) throw new ArgumentOutOfRangeException(nameof(slave), slave, "Modbus slave addresses are 1 to 247.");
    }

    private static void CheckRange(ushort address, int quantity)
    {
        if (address + quantity > 0x10000) throw new ArgumentOutOfRangeException(nameof(address), address, $"Address {address} + {quantity} items runs past 65535.");
    }
}
