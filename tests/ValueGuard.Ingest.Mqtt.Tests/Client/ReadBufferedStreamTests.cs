using ValueGuard.Ingest.Mqtt.Client;

namespace ValueGuard.Ingest.Mqtt.Tests.Client;

public class ReadBufferedStreamTests
{
    /// <summary>A stream that counts the reads that reach it and hands out at most <c>chunk</c> bytes per read, as a socket may.</summary>
    private sealed class CountingStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public int Reads { get; private set; }

        public List<byte[]> Written { get; } = [];

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7))];

    [Fact]
    public async Task Small_reads_are_served_from_one_large_read_of_the_inner_stream()
    {
        var data = Bytes(1000);
        var inner = new CountingStream(data, chunk: 4096);
        await using var stream = new ReadBufferedStream(inner, bufferSize: 4096);

        var read = new List<byte>();
        var piece = new byte[2];
        int n;
        while ((n = await stream.ReadAsync(piece)) > 0) read.AddRange(piece[..n]);

        Assert.Equal(data, read);
        Assert.Equal(2, inner.Reads); // the data, then the end of the stream
    }

    [Fact]
    public async Task Reads_across_chunk_and_buffer_boundaries_return_every_byte_in_order()
    {
        var data = Bytes(10_000);
        var inner = new CountingStream(data, chunk: 333);
        await using var stream = new ReadBufferedStream(inner, bufferSize: 1024);

        var read = new List<byte>();
        var sizes = new[] { 1, 2, 106, 5000, 7 };
        for (var i = 0; ; i++)
        {
            var piece = new byte[sizes[i % sizes.Length]];
            var n = await stream.ReadAsync(piece);
            if (n == 0) break;
            read.AddRange(piece[..n]);
        }

        Assert.Equal(data, read);
    }

    [Fact]
    public async Task Writes_go_straight_through_and_disposing_disposes_the_inner_stream()
    {
        var inner = new CountingStream([], chunk: 100);
        var stream = new ReadBufferedStream(inner);

        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x01 });
        await stream.DisposeAsync();

        Assert.Equal([0x40, 0x02, 0x00, 0x01], Assert.Single(inner.Written));
        Assert.False(inner.CanRead);
    }

    [Fact]
    public async Task Held_writes_leave_as_one_write_in_order_and_flushes_wait_for_the_release()
    {
        var inner = new CountingStream([], chunk: 100);
        await using var stream = new ReadBufferedStream(inner);

        await stream.HoldWritesAsync(default);
        for (byte id = 1; id <= 3; id++)
        {
            await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, id });
            await stream.FlushAsync();
        }
        Assert.Empty(inner.Written);
        await stream.ReleaseWritesAsync(default);
        await stream.WriteAsync(new byte[] { 0xC0, 0x00 });

        Assert.Equal(2, inner.Written.Count);
        Assert.Equal([0x40, 0x02, 0x00, 1, 0x40, 0x02, 0x00, 2, 0x40, 0x02, 0x00, 3], inner.Written[0]);
        Assert.Equal([0xC0, 0x00], inner.Written[1]);
    }

    [Fact]
    public async Task Holding_and_releasing_on_a_lost_connections_disposed_stream_drops_the_held_writes_without_throwing()
    {
        var inner = new CountingStream([], chunk: 100);
        var stream = new ReadBufferedStream(inner);
        await stream.HoldWritesAsync(default);
        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 1 });

        stream.Dispose(); // MQTTnet disposes the stream when the connection is lost, maybe mid-batch
        await stream.ReleaseWritesAsync(default);
        await stream.HoldWritesAsync(default); // the next batch may still find this stream as the latest one
        await stream.ReleaseWritesAsync(default);

        Assert.Empty(inner.Written);
    }
}
