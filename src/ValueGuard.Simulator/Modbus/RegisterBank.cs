using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Simulator.Modbus;

/// <summary>The four data tables of one simulated slave. Addresses at or beyond a table's size answer "illegal data address".</summary>
public sealed class RegisterBank(int coils = 1000, int discreteInputs = 1000, int holding = 1000, int input = 1000)
{
    private readonly Lock gate = new();
    private readonly bool[] coilTable = new bool[coils];
    private readonly bool[] discreteTable = new bool[discreteInputs];
    private readonly ushort[] holdingTable = new ushort[holding];
    private readonly ushort[] inputTable = new ushort[input];

    public int Size(ModbusTable table) => table switch
    {
        ModbusTable.Coil => coilTable.Length,
        ModbusTable.DiscreteInput => discreteTable.Length,
        ModbusTable.Holding => holdingTable.Length,
        _ => inputTable.Length,
    };

    public bool Contains(ModbusTable table, int address, int count) => address >= 0 && count >= 0 && address + count <= Size(table);

    public void SetBits(ModbusTable table, int address, params bool[] values)
    {
        lock (gate) values.CopyTo(Bits(table), address);
    }

    public bool[] GetBits(ModbusTable table, int address, int count)
    {
        lock (gate) return Bits(table).AsSpan(address, count).ToArray();
    }

    public void SetRegisters(ModbusTable table, int address, params ushort[] values)
    {
        lock (gate) values.CopyTo(Registers(table), address);
    }

    public ushort[] GetRegisters(ModbusTable table, int address, int count)
    {
        lock (gate) return Registers(table).AsSpan(address, count).ToArray();
    }

    /// <summary>Stores a number the way a device with this type and order holds it.</summary>
    public void SetValue(ModbusTable table, int address, double value, RegisterType type, DataOrder order) =>
        SetRegisters(table, address, RegisterCodec.Encode(value, type, order));

    private bool[] Bits(ModbusTable table) => table switch
    {
        ModbusTable.Coil => coilTable,
        ModbusTable.DiscreteInput => discreteTable,
        _ => throw new ArgumentException($"{table} holds registers, not bits.", nameof(table)),
    };

    private ushort[] Registers(ModbusTable table) => table switch
    {
        ModbusTable.Holding => holdingTable,
        ModbusTable.Input => inputTable,
        _ => throw new ArgumentException($"{table} holds bits, not registers.", nameof(table)),
    };
}
