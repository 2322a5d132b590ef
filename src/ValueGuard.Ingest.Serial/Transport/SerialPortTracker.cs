using Microsoft.Extensions.Logging;

namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>
/// Logs which tty a configured port name leads to each time the line is opened, and when that changed since the
/// last open (a USB adapter enumerated again as another ttyUSB). The port is always opened by its configured name,
/// so a stable <c>/dev/serial/by-id/</c> link keeps its devices whatever tty the kernel gave the adapter.
/// </summary>
internal sealed class SerialPortTracker(string port, ILogger log)
{
    private string? lastDevice;

    /// <summary>The tty the port led to at the last open, or null before the first.</summary>
    public string? Device => lastDevice;

    public void Opened(int deviceCount)
    {
        var device = SerialPortPath.Resolve(port) ?? port;
        if (lastDevice is null && !SerialPortPath.IsStable(port)) SerialLineLog.PortNameUnstable(log, port);
        SerialLineLog.LineOpened(log, port, device, deviceCount);
        if (lastDevice is not null && lastDevice != device) SerialLineLog.LineReenumerated(log, port, device, lastDevice);
        lastDevice = device;
    }
}
