namespace ValueGuard.Configuration.Profiles;

/// <summary>
/// One signal of a Modbus register map, validated: <see cref="Table"/> is coil, discrete, holding or input;
/// <see cref="Type"/> is bit, int16, uint16, int32, uint32, int64, uint64, float32 or float64; orders are big or little.
/// <see cref="Flag"/> turns the register into a 0/1 signal that says whether the raw value is outside limits (a 4–20 mA
/// loop below 3.6 mA); <see cref="Valid"/> drops raw values outside limits instead of storing them.
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
    double Offset = 0)
{
    public RawLimits? Flag { get; init; }

    public RawLimits? Valid { get; init; }
}
