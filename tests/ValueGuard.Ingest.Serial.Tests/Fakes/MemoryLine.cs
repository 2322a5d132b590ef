using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Tests.Fakes;

/// <summary>
/// Two ends of an in-memory serial line. <see cref="Tamper"/> sees every write from the master end and every
/// write from the slave end and returns what arrives on the other side (corrupted, dropped, with noise).
/// </summary>
internal sealed class MemoryLine
{
    public MemoryLine(int baudRate = 115200)
    {
        var toSlave = new ByteQueue();
        var toMaster = new ByteQueue();
        Master = new End("master", baudRate, toMaster, toSlave, bytes => Tamper(Direction.ToSlave, bytes));
        Slave = new End("slave", baudRate, toSlave, toMaster, bytes => Tamper(Direction.ToMaster, bytes));
    }

    public End Master { get; }

    public End Slave { get; }

    public Func<Direction, byte[], byte[]> Tamper { get; set; } = (_, bytes) => bytes;

    internal enum Direction { ToSlave, ToMaster }

    internal sealed class End(string name, int baudRate, ByteQueue inbox, ByteQueue outbox, Func<byte[], byte[]> tamper) : ISerialLine
    {
        public int BaudRate => baudRate;

        public string Name => name;

        public void Write(ReadOnlySpan<byte> data) => outbox.Add(tamper(data.ToArray()));

        public int Read(Span<byte> buffer, TimeSpan timeout) => inbox.Take(buffer, timeout);

        public void DiscardInput() => inbox.Clear();

        public void Dispose() { }
    }

    internal sealed class ByteQueue
    {
        private readonly Queue<byte> bytes = new();

        public void Add(byte[] data)
        {
            lock (bytes)
            {
                foreach (var b in data) bytes.Enqueue(b);
                Monitor.PulseAll(bytes);
            }
        }

        public int Take(Span<byte> buffer, TimeSpan timeout)
        {
            lock (bytes)
            {
                if (bytes.Count == 0) Monitor.Wait(bytes, timeout);
                var n = 0;
                while (n < buffer.Length && bytes.Count > 0) buffer[n++] = bytes.Dequeue();
                return n;
            }
        }

        public void Clear()
        {
            lock (bytes) bytes.Clear();
        }
    }
}
