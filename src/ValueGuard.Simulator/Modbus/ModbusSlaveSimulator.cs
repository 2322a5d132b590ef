using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Simulator.Modbus;

/// <summary>
/// Modbus RTU slaves on one port, for tests and demos: every configured slave address is served from its own
/// register bank; frames for other addresses are ignored, as on a shared RS-485 bus. Requests are framed by
/// their function's length and, for unknown functions, by the silence after them; noise is dropped.
/// </summary>
public sealed class ModbusSlaveSimulator : IDisposable
{
    private readonly ISerialLine port;
    private readonly IReadOnlyDictionary<byte, RegisterBank> banks;
    private readonly Thread thread;
    private readonly TimeSpan silence;
    private volatile bool stopping;
    private long answered;
    private long ignored;

    public ModbusSlaveSimulator(ISerialLine port, IReadOnlyDictionary<byte, RegisterBank> banks)
    {
        this.port = port;
        this.banks = banks;
        // A pty or USB adapter delivers a frame in bursts; wait longer than 3.5 characters before calling it complete.
        var frameSilence = new RtuTiming(port.BaudRate).FrameSilence;
        silence = frameSilence > TimeSpan.FromMilliseconds(20) ? frameSilence : TimeSpan.FromMilliseconds(20);
        thread = new Thread(Run) { IsBackground = true, Name = $"modbus slave {port.Name}" };
        thread.Start();
    }

    /// <summary>Requests answered (normal or exception responses).</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Why the simulator stopped serving on its own, or null while it serves.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Frames for other slaves and bytes that formed no frame.</summary>
    public long Ignored => Interlocked.Read(ref ignored);

    private void Run()
    {
        var buffer = new byte[1024];
        var filled = 0;
        while (!stopping)
        {
            int read;
            try { read = port.Read(buffer.AsSpan(filled), filled == 0 ? TimeSpan.FromMilliseconds(50) : silence); }
            catch (Exception) when (stopping) { return; }
            catch (IOException e)
            {
                // The line went away (pty closed, adapter unplugged): stop serving rather than take the process down.
                Fault = e;
                return;
            }
            filled += read;
            if (read == 0 && filled > 0)
            {
                // Silence ended the frame: an unknown function (answered "illegal function") or noise.
                if (ModbusCrc.IsValid(buffer.AsSpan(0, filled))) Serve(buffer.AsSpan(0, filled));
                else Interlocked.Increment(ref ignored);
                filled = 0;
                continue;
            }
            while (filled >= 2 && RequestLength(buffer.AsSpan(0, filled)) is { } length && filled >= length)
            {
                if (ModbusCrc.IsValid(buffer.AsSpan(0, length)))
                {
                    Serve(buffer.AsSpan(0, length));
                    buffer.AsSpan(length, filled - length).CopyTo(buffer);
                    filled -= length;
                }
                else
                {
                    buffer.AsSpan(1, filled - 1).CopyTo(buffer);
                    filled--;
                }
            }
            if (filled == buffer.Length) filled = 0;
        }
    }

    private void Serve(ReadOnlySpan<byte> request)
    {
        if (!banks.TryGetValue(request[0], out var bank))
        {
            Interlocked.Increment(ref ignored);
            return;
        }
        try
        {
            port.Write(ModbusSlaveHandler.Answer(request, bank));
            Interlocked.Increment(ref answered);
        }
        catch (IOException e) when (!stopping)
        {
            Fault = e;
            stopping = true;
        }
    }

    /// <summary>The length of the request starting the buffer, or null while it cannot be known yet.</summary>
    private static int? RequestLength(ReadOnlySpan<byte> buffer) => buffer[1] switch
    {
        >= 1 and <= 6 => 8,
        16 => buffer.Length >= 7 ? 9 + buffer[6] : null,
        _ => null,
    };

    public void Dispose()
    {
        stopping = true;
        thread.Join(TimeSpan.FromSeconds(2));
        port.Dispose();
    }
}
