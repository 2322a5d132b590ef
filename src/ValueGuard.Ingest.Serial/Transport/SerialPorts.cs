namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>Opens the serial port implementation that keeps RTU timing on this operating system.</summary>
public static class SerialPorts
{
    public static IModbusPort Open(SerialLineSettings settings) =>
        OperatingSystem.IsLinux() ? new UnixSerialPort(settings) : new SerialModbusPort(settings);
}
