namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>The slave answered, with an exception response: the request reached it and was refused.</summary>
public sealed class ModbusSlaveException(byte slave, ModbusFunction function, ModbusExceptionCode code)
    : Exception($"Slave {slave} refused function {(byte)function:X2}: exception {(byte)code:X2} {Describe(code)}")
{
    public byte Slave { get; } = slave;

    public ModbusFunction Function { get; } = function;

    public ModbusExceptionCode Code { get; } = code;

    /// <summary>What the code means, in the words of the specification, so an engineer can act on it.</summary>
    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "illegal function: the slave does not support this function code",
        ModbusExceptionCode.IllegalDataAddress => "illegal data address: the address range is not in the slave's register map",
        ModbusExceptionCode.IllegalDataValue => "illegal data value: a value in the request is not allowed (count, coil state)",
        ModbusExceptionCode.SlaveDeviceFailure => "slave device failure: an unrecoverable error occurred while serving the request",
        ModbusExceptionCode.Acknowledge => "acknowledge: the slave accepted a long-running request; poll later",
        ModbusExceptionCode.SlaveDeviceBusy => "slave device busy: retry later",
        ModbusExceptionCode.NegativeAcknowledge => "negative acknowledge: the slave cannot perform the program function",
        ModbusExceptionCode.MemoryParityError => "memory parity error: the slave found a parity error in its extended memory",
        ModbusExceptionCode.GatewayPathUnavailable => "gateway path unavailable: the gateway has no path to the target",
        ModbusExceptionCode.GatewayTargetFailedToRespond => "gateway target device failed to respond",
        _ => "unknown exception code",
    };
}
