namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>No valid response arrived from the slave within the response timeout, after every retry.</summary>
public sealed class ModbusTimeoutException(byte slave, ModbusFunction function, int attempts)
    : Exception($"Slave {slave} did not answer function {(byte)function:X2} with a valid frame after {attempts} attempt(s)")
{
    public byte Slave { get; } = slave;

    public int Attempts { get; } = attempts;
}
