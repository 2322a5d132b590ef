using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Tests.Pty;

/// <summary>
/// A proxy between two pty pairs that passes requests on and damages answers: of each answer frame (of a known
/// length) it corrupts one byte, drops it, or puts noise in front of it, chosen by a seeded random source.
/// </summary>
internal sealed class FaultyLink : IDisposable
{
    private readonly ISerialLine masterSide;
    private readonly ISerialLine slaveSide;
    private readonly int answerLength;
    private readonly Random random = new(20260723);
    private readonly Thread requests;
    private readonly Thread answers;
    private volatile bool stopping;
    private int intact;
    private int corrupted;
    private int dropped;

    public FaultyLink(ISerialLine masterSide, ISerialLine slaveSide, int answerLength)
    {
        this.masterSide = masterSide;
        this.slaveSide = slaveSide;
        this.answerLength = answerLength;
        requests = new Thread(() => Pump(masterSide, slaveSide, frame => frame)) { IsBackground = true };
        answers = new Thread(() => Pump(slaveSide, masterSide, Damage)) { IsBackground = true };
        requests.Start();
        answers.Start();
    }

    public bool Faulty { get; set; } = true;

    /// <summary>Answers passed on unchanged (possibly after noise): the master must take every one of them.</summary>
    public int Intact => Volatile.Read(ref intact);

    public int Corrupted => Volatile.Read(ref corrupted);

    public int Dropped => Volatile.Read(ref dropped);

    private byte[] Damage(byte[] frame)
    {
        var roll = Faulty ? random.Next(100) : 99;
        if (roll < 15)
        {
            Interlocked.Increment(ref dropped);
            return [];
        }
        if (roll < 30)
        {
            Interlocked.Increment(ref corrupted);
            // Past slave, function and byte count, so the frame is recognised and fails its CRC.
            frame[random.Next(3, frame.Length)] ^= (byte)random.Next(1, 256);
            return frame;
        }
        Interlocked.Increment(ref intact);
        return roll < 45 ? [0x00, 0x01, 0x03, (byte)random.Next(256), .. frame] : frame;
    }

    private void Pump(ISerialLine from, ISerialLine to, Func<byte[], byte[]> change)
    {
        var buffer = new byte[512];
        var frame = new List<byte>();
        while (!stopping)
        {
            int read;
            try { read = from.Read(buffer, TimeSpan.FromMilliseconds(20)); }
            catch (Exception) when (stopping) { return; }
            if (change == Damage)
            {
                frame.AddRange(buffer.AsSpan(0, read));
                while (frame.Count >= answerLength)
                {
                    var damaged = change(frame.GetRange(0, answerLength).ToArray());
                    frame.RemoveRange(0, answerLength);
                    if (damaged.Length > 0) to.Write(damaged);
                }
            }
            else if (read > 0)
            {
                to.Write(buffer.AsSpan(0, read));
            }
        }
    }

    public void Dispose()
    {
        stopping = true;
        requests.Join(TimeSpan.FromSeconds(2));
        answers.Join(TimeSpan.FromSeconds(2));
        masterSide.Dispose();
        slaveSide.Dispose();
    }
}
