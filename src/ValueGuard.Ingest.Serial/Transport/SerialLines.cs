namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>Opens the serial port implementation that keeps RTU timing on this operating system.</summary>
public static class SerialLines
{
    public static ISerialLine Open(SerialLineSettings settings) =>
        OperatingSystem.IsLinux() ? new UnixSerialLine(settings) : new SystemIoSerialLine(settings);
}
