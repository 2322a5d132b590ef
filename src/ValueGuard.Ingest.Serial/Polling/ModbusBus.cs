using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>
/// One serial bus to poll: the line, the master's timing and the devices on it. A line that cannot be opened or
/// goes away is opened again after <see cref="MinReopenDelay"/>, doubling up to <see cref="MaxReopenDelay"/>.
/// </summary>
public sealed record ModbusBus(SerialLineSettings Line, ModbusMasterOptions Master, IReadOnlyList<ModbusDevicePoller> Devices)
{
    public TimeSpan MinReopenDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReopenDelay { get; init; } = TimeSpan.FromSeconds(60);
}
