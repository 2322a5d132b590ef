using System.IO.Ports;

namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>How a serial line is set up: device path, speed and character format (Modbus default 19200 8E1).</summary>
public sealed record SerialLineSettings(string PortName, int BaudRate = 19200, Parity Parity = Parity.Even, StopBits StopBits = StopBits.One, int DataBits = 8)
{
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PortName)) throw new ArgumentException("SerialLineSettings.PortName: name the serial device, for example /dev/ttyUSB0.");
        if (BaudRate is < 300 or > 4_000_000) throw new ArgumentException($"SerialLineSettings.BaudRate: {BaudRate} is not a serial line speed; use for example 9600 or 19200.");
        if (DataBits is < 7 or > 8) throw new ArgumentException($"SerialLineSettings.DataBits: {DataBits}; use 8 for Modbus RTU or 7/8 for ASCII devices.");
    }
}
