using System.IO.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Transport;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>A test with a temp folder and one socat pty pair (needs socat), and the line settings every pty test uses.</summary>
public abstract class PtyTest : IDisposable
{
    protected PtyTest()
    {
        Pty = new PtyPair(Temp.Path);
    }

    private protected TempDirectory Temp { get; } = new();

    private protected PtyPair Pty { get; }

    internal static SerialLineSettings Line(string path) => new(path, 19200, Parity.None);

    internal static ISerialLine Port(string path) => SerialLines.Open(Line(path));

    internal static ModbusRtuMaster Master(string path, ModbusMasterOptions? options = null) =>
        new(Port(path), options ?? new ModbusMasterOptions(), TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);

    public virtual void Dispose()
    {
        Pty.Dispose();
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
