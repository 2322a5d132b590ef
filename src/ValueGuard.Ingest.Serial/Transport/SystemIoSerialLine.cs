using System.IO.Ports;

namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>An <see cref="ISerialLine"/> on a real serial device (RS-485 adapter, RS-232, or a pseudo-terminal).</summary>
public sealed class SystemIoSerialLine : ISerialLine
{
    private readonly SerialPort port;

    public SystemIoSerialLine(SerialLineSettings settings)
    {
        settings.Validate();
        port = new SerialPort(settings.PortName, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = 100,
            WriteTimeout = 1000,
        };
        port.Open();
    }

    public int BaudRate => port.BaudRate;

    public string Name => port.PortName;

    public void Write(ReadOnlySpan<byte> data)
    {
        // SerialPort has no span overload on every platform; frames are at most 256 bytes.
        var copy = data.ToArray();
        port.Write(copy, 0, copy.Length);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        port.ReadTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalMilliseconds));
        try
        {
            return port.BaseStream.Read(buffer);
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    public void DiscardInput() => port.DiscardInBuffer();

    public void Dispose() => port.Dispose();
}
