using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ValueGuard.EndToEnd;

/// <summary>
/// One simulated machine's MQTT 3.1.1 connection, written by hand for the bench: QoS 1 PUBLISH packets are encoded
/// into one buffer and sent a window at a time, PUBACKs are counted from 64 KB reads. It costs a fraction of a
/// general client's CPU, so on a 2-core machine the broker and the gateway get the processor time, not the publisher
/// (with MQTTnet publishing, the bench's publisher was the largest CPU user of a run).
/// </summary>
internal sealed class RawPublisher : IDisposable
{
    private readonly Socket socket;
    private readonly byte[] readBuffer = new byte[64 * 1024];
    private int buffered;
    private ushort nextPacketId;

    private RawPublisher(Socket socket) => this.socket = socket;

    /// <summary>
    /// Connects with blocking calls only. On Linux, .NET switches a socket to non-blocking mode for good at its first
    /// asynchronous call, and from then on emulates each blocking Receive with a wait on its epoll thread: a wake-up of
    /// that thread and of this one for every read. Until round 9 the connect and CONNACK were asynchronous, and the
    /// publisher paid that on every read of PUBACKs in (1) and (3).
    /// </summary>
    public static Task<RawPublisher> ConnectAsync(Uri broker, string clientId) => Task.Run(() => Connect(broker, clientId));

    private static RawPublisher Connect(Uri broker, string clientId)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(broker.Host, broker.Port);
        var publisher = new RawPublisher(socket);
        var id = Encoding.UTF8.GetBytes(clientId);
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, (byte)(id.Length >> 8), (byte)id.Length };
        body.AddRange(id);
        var packet = new List<byte> { 0x10 };
        Span<byte> length = stackalloc byte[4];
        packet.AddRange(length[..WriteRemainingLength(length, body.Count)]);
        packet.AddRange(body);
        socket.Send(packet.ToArray());
        var connack = publisher.ReadPackets(4);
        if (connack[0] != 0x20 || connack[3] != 0) throw new InvalidOperationException($"the broker refused the bench publisher (CONNACK return code {connack[3]})");
        return publisher;
    }

    /// <summary>
    /// Publishes every payload at QoS 1 with at most <paramref name="window"/> unacknowledged; returns once all are
    /// acknowledged. Runs on its own thread with blocking calls, and refills the window only once half of it is
    /// acknowledged, so one send carries many packets (async sockets and one-by-one refills cost more CPU than the broker).
    /// </summary>
    public Task PublishAsync(string topic, IEnumerable<byte[]> payloads, int window)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Publish(Encoding.UTF8.GetBytes(topic), payloads, window);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "bench-publisher" };
        thread.Start();
        return done.Task;
    }

    private void Publish(byte[] topic, IEnumerable<byte[]> payloads, int window)
    {
        using var source = payloads.GetEnumerator();
        var outgoing = new MemoryStream();
        var inFlight = 0;
        var more = true;
        while (more || inFlight > 0)
        {
            outgoing.SetLength(0);
            while (more && inFlight < window && (more = source.MoveNext()))
            {
                WritePublish(outgoing, topic, source.Current);
                inFlight++;
            }
            if (outgoing.Length > 0) socket.Send(outgoing.GetBuffer().AsSpan(0, (int)outgoing.Length));
            var refillAt = more ? window / 2 : 0;
            while (inFlight > refillAt) inFlight -= ReadAcks();
        }
    }

    public Task DisconnectAsync()
    {
        socket.Send([0xE0, 0]);
        socket.Shutdown(SocketShutdown.Both);
        return Task.CompletedTask;
    }

    public void Dispose() => socket.Dispose();

    private void WritePublish(MemoryStream to, byte[] topic, byte[] payload)
    {
        if (++nextPacketId == 0) nextPacketId = 1;
        Span<byte> header = stackalloc byte[8];
        header[0] = 0x32; // PUBLISH, QoS 1
        var n = 1 + WriteRemainingLength(header[1..], 2 + topic.Length + 2 + payload.Length);
        to.Write(header[..n]);
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(two, (ushort)topic.Length);
        to.Write(two);
        to.Write(topic);
        BinaryPrimitives.WriteUInt16BigEndian(two, nextPacketId);
        to.Write(two);
        to.Write(payload);
    }

    /// <summary>Reads at least one PUBACK (4 bytes each); returns how many whole ones arrived.</summary>
    private int ReadAcks()
    {
        do
        {
            var read = socket.Receive(readBuffer.AsSpan(buffered));
            if (read == 0) throw new InvalidOperationException("the broker closed the bench publisher's connection");
            buffered += read;
        }
        while (buffered < 4);
        var acks = buffered / 4;
        for (var i = 0; i < acks; i++)
            if (readBuffer[i * 4] != 0x40) throw new InvalidOperationException($"expected a PUBACK from the broker, got packet type 0x{readBuffer[i * 4]:x2}");
        var rest = buffered % 4;
        Array.Copy(readBuffer, acks * 4, readBuffer, 0, rest);
        buffered = rest;
        return acks;
    }

    private byte[] ReadPackets(int length)
    {
        while (buffered < length)
        {
            var read = socket.Receive(readBuffer.AsSpan(buffered));
            if (read == 0) throw new InvalidOperationException("the broker closed the bench publisher's connection");
            buffered += read;
        }
        var packet = readBuffer[..length];
        Array.Copy(readBuffer, length, readBuffer, 0, buffered - length);
        buffered -= length;
        return packet;
    }

    /// <summary>MQTT's remaining length: 7 bits a byte, high bit set while more follow; returns the bytes written.</summary>
    private static int WriteRemainingLength(Span<byte> to, int length)
    {
        var n = 0;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            to[n++] = length > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (length > 0);
        return n;
    }
}
