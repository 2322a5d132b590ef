using System.ComponentModel;
using System.IO.Ports;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>
/// An <see cref="ISerialLine"/> on a Linux tty through poll/read/write. System.IO.Ports on Unix hands every read and
/// write to a polling loop thread and completes them through the thread pool, with read timeouts no finer than
/// 30 ms; on a loaded gateway that made single exchanges stall for hundreds of milliseconds in our pty tests.
/// Here the bus thread itself waits in poll() with millisecond timeouts.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class UnixSerialLine : ISerialLine
{
    private const int ORdWr = 0x2, ONoCtty = 0x100, ONonBlock = 0x800, OCloExec = 0x80000;
    private const short PollIn = 0x1;
    private const int TcsaNow = 0, TcIFlush = 0, Eagain = 11, Eintr = 4;
    private const uint Csize = 0x30, Cs7 = 0x20, Cs8 = 0x30, Cstopb = 0x40, Cread = 0x80, Parenb = 0x100, Parodd = 0x200, Clocal = 0x800, Crtscts = 0x80000000;
    private const int Vtime = 5, Vmin = 6;

    private readonly int fd;

    public UnixSerialLine(SerialLineSettings settings)
    {
        settings.Validate();
        Name = settings.PortName;
        BaudRate = settings.BaudRate;
        fd = Open(settings.PortName, ORdWr | ONoCtty | ONonBlock | OCloExec);
        if (fd < 0) throw new IOException($"Cannot open serial device {settings.PortName}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        try
        {
            Configure(settings);
        }
        catch
        {
            _ = Close(fd);
            throw;
        }
    }

    public int BaudRate { get; }

    public string Name { get; }

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var written = WriteBytes(fd, ref MemoryMarshal.GetReference(data), data.Length);
            if (written > 0)
            {
                data = data[(int)written..];
                continue;
            }
            var error = Marshal.GetLastPInvokeError();
            if (error is not (Eagain or Eintr)) throw new IOException($"Write to {Name} failed: {new Win32Exception(error).Message}");
            // The output queue is full: a line with hardware flow control held, or a dead USB adapter.
            if (!Wait(1000, out _, pollOut: true)) throw new IOException($"Write to {Name} did not drain within 1 s.");
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (!Wait(Math.Max(0, (int)Math.Ceiling(timeout.TotalMilliseconds)), out var events) || (events & PollIn) == 0) return 0;
        var read = ReadBytes(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
        if (read > 0) return (int)read;
        // poll() said readable and there is nothing: end of file, the other end of the line hung up.
        if (read == 0) throw new IOException($"Serial device {Name} hung up.");
        var error = Marshal.GetLastPInvokeError();
        return error is Eagain or Eintr ? 0 : throw new IOException($"Read from {Name} failed: {new Win32Exception(error).Message}");
    }

    public void DiscardInput() => _ = TcFlush(fd, TcIFlush);

    public void Dispose() => _ = Close(fd);

    private bool Wait(int timeoutMs, out short events, bool pollOut = false)
    {
        var poll = new PollFd { Fd = fd, Events = pollOut ? (short)0x4 : PollIn };
        var ready = PollFds(ref poll, 1, timeoutMs);
        events = poll.Revents;
        if ((events & 0x38) != 0 && (events & PollIn) == 0) throw new IOException($"Serial device {Name} is gone (poll events {events:X}).");
        return ready > 0;
    }

    private void Configure(SerialLineSettings settings)
    {
        var tio = new Termios();
        if (TcGetAttr(fd, ref tio) != 0) throw new IOException($"{Name} is not a serial device: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        MakeRaw(ref tio);
        tio.Cflag &= ~(Csize | Cstopb | Parenb | Parodd | Crtscts);
        tio.Cflag |= (settings.DataBits == 7 ? Cs7 : Cs8) | Cread | Clocal;
        if (settings.StopBits == StopBits.Two) tio.Cflag |= Cstopb;
        if (settings.Parity is Parity.Even or Parity.Odd) tio.Cflag |= Parenb;
        if (settings.Parity == Parity.Odd) tio.Cflag |= Parodd;
        unsafe
        {
            tio.Cc[Vmin] = 0;
            tio.Cc[Vtime] = 0;
        }
        var speed = SpeedCode(settings.BaudRate);
        if (SetSpeed(ref tio, speed) != 0 || TcSetAttr(fd, TcsaNow, ref tio) != 0)
            throw new IOException($"Cannot set {Name} to {settings.BaudRate} baud: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
    }

    private static uint SpeedCode(int baud) => baud switch
    {
        1200 => 0x9, 2400 => 0xB, 4800 => 0xC, 9600 => 0xD, 19200 => 0xE, 38400 => 0xF,
        57600 => 0x1001, 115200 => 0x1002, 230400 => 0x1003, 460800 => 0x1004, 921600 => 0x1007,
        _ => throw new ArgumentException($"SerialLineSettings.BaudRate: {baud} is not a standard Linux line speed; use 9600, 19200, 38400, 57600 or 115200."),
    };

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Termios
    {
        public uint Iflag;
        public uint Oflag;
        public uint Cflag;
        public uint Lflag;
        public byte Line;
        public fixed byte Cc[32];
        public uint Ispeed;
        public uint Ospeed;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadBytes(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteBytes(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollFds(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int action, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void MakeRaw(ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    private static partial int SetSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    private static partial int TcFlush(int fd, int queue);
}
