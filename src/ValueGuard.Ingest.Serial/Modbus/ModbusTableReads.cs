using ValueGuard.Ingest.Serial.Registers;

namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>Reads any of the four tables as registers; coils and discrete inputs come back as 0 or 1 per bit.</summary>
public static class ModbusTableReads
{
    public static async Task<ushort[]> ReadTableAsync(this ModbusRtuMaster master, byte slave, ModbusTable table, ushort address, ushort count, CancellationToken cancellationToken) => table switch
    {
        ModbusTable.Holding => await master.ReadHoldingRegistersAsync(slave, address, count, cancellationToken).ConfigureAwait(false),
        ModbusTable.Input => await master.ReadInputRegistersAsync(slave, address, count, cancellationToken).ConfigureAwait(false),
        ModbusTable.Coil => Array.ConvertAll(await master.ReadCoilsAsync(slave, address, count, cancellationToken).ConfigureAwait(false), b => (ushort)(b ? 1 : 0)),
        _ => Array.ConvertAll(await master.ReadDiscreteInputsAsync(slave, address, count, cancellationToken).ConfigureAwait(false), b => (ushort)(b ? 1 : 0)),
    };
}
