using ValueGuard.Configuration.Profiles;

namespace ValueGuard.Ingest.Serial.Registers;

/// <summary>Turns a validated <c>transport: modbus-rtu</c> device profile into the register map the poller reads.</summary>
public static class ProfileRegisterMap
{
    // The site may give a device its own slave address; without one the profile's applies.
    public static ModbusDevice ToModbusDevice(DeviceProfile profile, string deviceName, byte? slave = null)
    {
        var modbus = profile.Modbus ?? throw new ArgumentException($"Profile {profile.Name} is not a modbus-rtu profile.", nameof(profile));
        var points = modbus.Registers.Select(r => new RegisterPoint(r.Signal, Table(r.Table), r.Address, Type(r.Type))
        {
            Order = new DataOrder(Order(r.WordOrder), Order(r.ByteOrder)),
            BitIndex = r.Bit,
            Scale = r.Scale,
            Offset = r.Offset,
            Flag = r.Flag,
            Valid = r.Valid,
        }).ToList();
        return new ModbusDevice(deviceName, slave ?? modbus.Slave, points, modbus.Poll);
    }

    private static ModbusTable Table(string table) => table switch
    {
        "coil" => ModbusTable.Coil,
        "discrete" => ModbusTable.DiscreteInput,
        "holding" => ModbusTable.Holding,
        "input" => ModbusTable.Input,
        _ => throw new ArgumentException($"Unknown Modbus table '{table}'.", nameof(table)),
    };

    private static RegisterType Type(string type) =>
        Enum.TryParse<RegisterType>(type, ignoreCase: true, out var parsed) ? parsed : throw new ArgumentException($"Unknown register type '{type}'.", nameof(type));

    private static Endianness Order(string order) => order == "little" ? Endianness.Little : Endianness.Big;
}
