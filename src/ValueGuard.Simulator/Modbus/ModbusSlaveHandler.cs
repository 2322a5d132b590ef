using System.Buffers.Binary;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Simulator.Modbus;

/// <summary>Answers one request frame (CRC already checked) from a register bank, as a Modbus slave must.</summary>
public static class ModbusSlaveHandler
{
    public static byte[] Answer(ReadOnlySpan<byte> request, RegisterBank bank)
    {
        var slave = request[0];
        var function = request[1];
        var pdu = request[2..^2];
        var code = Validate(function, pdu, bank);
        if (code is { } refused) return Frame(slave, (byte)(function | 0x80), [(byte)refused]);
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu);
        var word = BinaryPrimitives.ReadUInt16BigEndian(pdu[2..]);
        switch ((ModbusFunction)function)
        {
            case ModbusFunction.ReadCoils or ModbusFunction.ReadDiscreteInputs:
                var bits = bank.GetBits(function == 1 ? ModbusTable.Coil : ModbusTable.DiscreteInput, address, word);
                var packed = new byte[1 + (word + 7) / 8];
                packed[0] = (byte)(packed.Length - 1);
                for (var i = 0; i < bits.Length; i++) if (bits[i]) packed[1 + i / 8] |= (byte)(1 << (i % 8));
                return Frame(slave, function, packed);
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                var registers = bank.GetRegisters(function == 3 ? ModbusTable.Holding : ModbusTable.Input, address, word);
                var data = new byte[1 + registers.Length * 2];
                data[0] = (byte)(registers.Length * 2);
                for (var i = 0; i < registers.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(1 + 2 * i), registers[i]);
                return Frame(slave, function, data);
            case ModbusFunction.WriteSingleCoil:
                bank.SetBits(ModbusTable.Coil, address, word == 0xFF00);
                return Frame(slave, function, pdu[..4]);
            case ModbusFunction.WriteSingleRegister:
                bank.SetRegisters(ModbusTable.Holding, address, word);
                return Frame(slave, function, pdu[..4]);
            default:
                var values = new ushort[word];
                for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(5 + 2 * i)..]);
                bank.SetRegisters(ModbusTable.Holding, address, values);
                return Frame(slave, function, pdu[..4]);
        }
    }

    /// <summary>The exception the request earns, in the order the specification's state diagrams check: function, value, address.</summary>
    private static ModbusExceptionCode? Validate(byte function, ReadOnlySpan<byte> pdu, RegisterBank bank)
    {
        if (!Enum.IsDefined((ModbusFunction)function)) return ModbusExceptionCode.IllegalFunction;
        if (pdu.Length < 4) return ModbusExceptionCode.IllegalDataValue;
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu);
        var word = BinaryPrimitives.ReadUInt16BigEndian(pdu[2..]);
        var (table, count, valid) = (ModbusFunction)function switch
        {
            ModbusFunction.ReadCoils => (ModbusTable.Coil, word, word is >= 1 and <= 2000),
            ModbusFunction.ReadDiscreteInputs => (ModbusTable.DiscreteInput, word, word is >= 1 and <= 2000),
            ModbusFunction.ReadHoldingRegisters => (ModbusTable.Holding, word, word is >= 1 and <= 125),
            ModbusFunction.ReadInputRegisters => (ModbusTable.Input, word, word is >= 1 and <= 125),
            ModbusFunction.WriteSingleCoil => (ModbusTable.Coil, 1, word is 0xFF00 or 0x0000),
            ModbusFunction.WriteSingleRegister => (ModbusTable.Holding, 1, true),
            _ => (ModbusTable.Holding, word, word is >= 1 and <= 123 && pdu.Length >= 5 && pdu[4] == word * 2 && pdu.Length == 5 + word * 2),
        };
        if (!valid) return ModbusExceptionCode.IllegalDataValue;
        return bank.Contains(table, address, count) ? null : ModbusExceptionCode.IllegalDataAddress;
    }

    private static byte[] Frame(byte slave, byte function, ReadOnlySpan<byte> data)
    {
        var frame = new byte[4 + data.Length];
        frame[0] = slave;
        frame[1] = function;
        data.CopyTo(frame.AsSpan(2));
        ModbusCrc.Append(frame, frame.Length - 2);
        return frame;
    }
}
