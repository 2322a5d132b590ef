namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// The Modbus RTU side of a profile: how often the device is read, the slave address devices of this profile
/// answer on, and the register map.
/// </summary>
public sealed record ModbusMapping(TimeSpan Poll, byte Slave, IReadOnlyList<ModbusRegisterMapping> Registers);
