namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// A duplex stream that reads its inner stream in large chunks and writes straight through. MQTTnet reads every
/// packet with two small reads (the fixed header, then the body), which over a bare socket is two system calls per
/// message; through this stream a burst of messages costs one call per <c>bufferSize</c> bytes.
/// </summary>
internal sealed class ReadBufferedStream(Stream inner, int bufferSize = 64 * 1024) : Stream
{
    private readonly byte[] buffer = new byte[bufferSize];
    private int start;
    private int end;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty) return 0;
        if (start == end)
        {
            // A read as large as the buffer gains nothing from it.
            if (destination.Length >= buffer.Length) return await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            start = 0;
            end = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (end == 0) return 0;
        }
        return Take(destination.Span);
    }

    public override Task<int> ReadAsync(byte[] destination, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(destination.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        if (start == end)
        {
            if (destination.Length >= buffer.Length) return inner.Read(destination);
            start = 0;
            end = inner.Read(buffer);
            if (end == 0) return 0;
        }
        return Take(destination);
    }

    public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

    private int Take(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, end - start);
        buffer.AsSpan(start, n).CopyTo(destination);
        start += n;
        return n;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) => inner.WriteAsync(source, cancellationToken);

    public override Task WriteAsync(byte[] source, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(source, offset, count, cancellationToken);

    public override void Write(ReadOnlySpan<byte> source) => inner.Write(source);

    public override void Write(byte[] source, int offset, int count) => inner.Write(source, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
