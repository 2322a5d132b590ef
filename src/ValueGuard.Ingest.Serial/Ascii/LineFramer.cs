using System.Text;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Cuts a byte stream into lines at the terminator. A line longer than the maximum is dropped whole: the framer
/// skips to the next terminator and counts it, so one lost terminator costs one line, not the rest of the stream.
/// </summary>
public sealed class LineFramer
{
    private readonly byte[] terminator;
    private readonly byte[] line;
    private int length;
    private bool skipping;

    public LineFramer(AsciiLineOptions options)
    {
        options.Validate();
        terminator = Encoding.ASCII.GetBytes(options.Terminator);
        line = new byte[options.MaxLineLength + terminator.Length];
    }

    /// <summary>Lines dropped because no terminator came within the maximum length.</summary>
    public long Overlong { get; private set; }

    /// <summary>Forgets a partly received line, for a line that was opened again: its rest will never come.</summary>
    public void Reset()
    {
        length = 0;
        skipping = false;
    }

    /// <summary>Feeds bytes; <paramref name="onLine"/> gets every complete line without its terminator.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<ReadOnlySpan<byte>> onLine)
    {
        foreach (var b in bytes)
        {
            if (length == line.Length)
            {
                // Keep the tail that could be the start of a terminator; the rest is an over-long line.
                if (!skipping) Overlong++;
                skipping = true;
                var keep = terminator.Length - 1;
                line.AsSpan(length - keep, keep).CopyTo(line);
                length = keep;
            }
            line[length++] = b;
            if (length < terminator.Length || !line.AsSpan(length - terminator.Length, terminator.Length).SequenceEqual(terminator)) continue;
            var content = line.AsSpan(0, length - terminator.Length);
            if (!skipping)
            {
                if (terminator is [(byte)'\n'] && content.EndsWith("\r"u8)) content = content[..^1];
                onLine(content);
            }
            skipping = false;
            length = 0;
        }
    }
}
