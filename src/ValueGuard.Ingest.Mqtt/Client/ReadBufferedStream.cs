namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// A duplex stream that reads its inner stream in large chunks and writes straight through. MQTTnet reads every
/// packet with two small reads (the fixed header, then the body), which over a bare socket is two system calls per
/// message; through this stream a burst of messages costs one call per <c>bufferSize</c> bytes.
/// Writes can be held back for a moment (<see cref="HoldWritesAsync"/>): the ingest loop acknowledges a stored batch of
/// hundreds of messages as one write instead of one per PUBACK. Held writes keep their order. Holding and releasing
/// stay safe after MQTTnet has disposed the stream of a lost connection: what was held is dropped with the connection,
/// and the broker redelivers those messages.
/// </summary>
internal sealed class ReadBufferedStream(Stream inner, int bufferSize = 64 * 1024) : Stream
{
    private readonly byte[] buffer = new byte[bufferSize];
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly MemoryStream held = new();
    private bool holding;
    private volatile bool disposed;
    private int start;
    private int end;

    /// <summary>From now until <see cref="ReleaseWritesAsync"/>, writes and flushes collect in memory.</summary>
    public async Task HoldWritesAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        holding = true;
        writing.Release();
    }

    /// <summary>Sends everything held back in one write, then lets writes through again.</summary>
    public async Task ReleaseWritesAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            holding = false;
            if (held.Length == 0) return;
            if (disposed)
            {
                held.SetLength(0);
                return;
            }
            var bytes = held.GetBuffer().AsMemory(0, (int)held.Length);
            held.SetLength(0);
            await inner.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

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

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (holding) held.Write(source.Span);
            else await inner.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public override Task WriteAsync(byte[] source, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(source.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> source)
    {
        writing.Wait();
        try
        {
            if (holding) held.Write(source);
            else inner.Write(source);
        }
        finally
        {
            writing.Release();
        }
    }

    public override void Write(byte[] source, int offset, int count) => Write(source.AsSpan(offset, count));

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!holding) await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The semaphore is left undisposed: the ingest loop may still hold or release writes on a lost connection's
            // stream, and a SemaphoreSlim without a wait handle has nothing to free.
            disposed = true;
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        disposed = true;
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
