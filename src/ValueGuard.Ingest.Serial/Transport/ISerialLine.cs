namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>
/// A byte pipe to a serial line (a Modbus RTU bus or an ASCII device). Calls come from one bus thread at a time, so implementations need no locking;
/// reads block for at most the timeout, which keeps the RTU timing in the master and out of the port.
/// </summary>
public interface ISerialLine : IDisposable
{
    /// <summary>The line speed, for the RTU character and silence times.</summary>
    int BaudRate { get; }

    /// <summary>A name for logs: the device path.</summary>
    string Name { get; }

    void Write(ReadOnlySpan<byte> data);

    /// <summary>Reads what is available (at least one byte), waiting up to <paramref name="timeout"/>; 0 on timeout.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops whatever has arrived and not been read: late answers and noise from before a request.</summary>
    void DiscardInput();
}
