using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>A serial line whose far end answers every request with whatever <see cref="Answer"/> makes of it.</summary>
internal sealed class ScriptedLine(Func<byte[], byte[]> answer) : ISerialLine
{
    private readonly Queue<byte> inbox = new();

    public Func<byte[], byte[]> Answer { get; } = answer;

    public int BaudRate => 115200;

    public string Name => "scripted";

    public void Write(ReadOnlySpan<byte> data)
    {
        foreach (var b in Answer(data.ToArray())) inbox.Enqueue(b);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var n = 0;
        // Hand out bytes in small pieces, the way a USB adapter delivers them.
        while (n < buffer.Length && n < 7 && inbox.TryDequeue(out var b)) buffer[n++] = b;
        if (n == 0) Thread.Sleep(timeout < TimeSpan.FromMilliseconds(5) ? timeout : TimeSpan.FromMilliseconds(5));
        return n;
    }

    public void DiscardInput() => inbox.Clear();

    public void Dispose() { }
}
