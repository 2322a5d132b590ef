namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// One signal of a Modbus register map, validated: <see cref="Table"/> is coil, discrete, holding or input;
/// <see cref="Type"/> is bit, int16, uint16, int32, uint32, int64, uint64, float32 or float64; orders are big or little.
/// </summary>
public sealed record ModbusRegisterMapping(
    string Signal,
    string Table,
    ushort Address,
    string Type,
    string WordOrder = "big",
    string ByteOrder = "big",
    int? Bit = null,
    double Scale = 1,
    double Offset = 0);
