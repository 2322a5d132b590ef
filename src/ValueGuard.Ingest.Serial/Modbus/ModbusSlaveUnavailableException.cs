namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>
/// The request was not sent: the slave stopped answering and is backed off until <see cref="RetryAt"/>,
/// so that it does not take bus time from the slaves that do answer.
/// </summary>
public sealed class ModbusSlaveUnavailableException(byte slave, DateTimeOffset retryAt)
    : Exception($"Slave {slave} is not answering; backed off until {retryAt:O}")
{
    public byte Slave { get; } = slave;

    public DateTimeOffset RetryAt { get; } = retryAt;
}
