using System.Buffers;
using System.Globalization;
using System.Text;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// Builds InfluxDB line protocol into one pooled UTF-8 buffer: <c>measurement,tag=v field=1 1700000000000000000</c>,
/// one line per point, with InfluxDB's escaping rules. Start a line with <see cref="Measurement"/>, add tags
/// then fields, and end it with <see cref="Timestamp"/> or <see cref="EndLine"/>.
/// </summary>
public sealed class LineProtocolWriter : IDisposable
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> TagSpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> StringFieldSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    private byte[] buffer;
    private int length;
    private int lineStart;
    private Part part = Part.None;
    private readonly List<int> lineEnds = [];

    public LineProtocolWriter(LinePrecision precision = LinePrecision.Nanoseconds, int initialCapacity = 4096)
    {
        Precision = precision;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
    }

    private enum Part { None, Tags, Fields }

    public LinePrecision Precision { get; }

    /// <summary>Complete lines written so far.</summary>
    public int LineCount => lineEnds.Count;

    /// <summary>All complete lines, each ending in <c>\n</c>.</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, part == Part.None ? length : lineStart);

    /// <summary>
    /// Whether InfluxDB 1.x can store this text as a measurement, tag key, tag value or field key and give it
    /// back unchanged. It cannot when the text is empty, holds a line break, or ends in a backslash: the
    /// parser reads a backslash as escaping whatever follows it, so a trailing one swallows the separator.
    /// </summary>
    public static bool CanRepresentName(ReadOnlySpan<char> text) =>
        !text.IsEmpty && text[^1] != '\\' && text.IndexOfAny(LineBreaks) < 0 && IsWellFormed(text);

    // A lone surrogate has no UTF-8 form: it would come back as U+FFFD, a different name.
    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var used) != OperationStatus.Done) return false;
            text = text[used..];
        }
        return true;
    }

    public LineProtocolWriter Measurement(string name)
    {
        if (part != Part.None) throw new InvalidOperationException("The previous line has no timestamp or end yet.");
        RequireName(name, nameof(name));
        if (name[0] == '#') throw new ArgumentException("A measurement cannot start with '#': InfluxDB reads that line as a comment.", nameof(name));
        lineStart = length;
        WriteEscaped(name, MeasurementSpecials);
        part = Part.Tags;
        return this;
    }

    /// <summary>Adds a tag; InfluxDB is fastest when tags come sorted by key.</summary>
    public LineProtocolWriter Tag(string key, string value)
    {
        if (part != Part.Tags) throw new InvalidOperationException("Tags come after the measurement and before the fields.");
        RequireName(key, nameof(key));
        RequireName(value, nameof(value));
        WriteByte((byte)',');
        WriteEscaped(key, TagSpecials);
        WriteByte((byte)'=');
        WriteEscaped(value, TagSpecials);
        return this;
    }

    public LineProtocolWriter Field(string key, double value)
    {
        // Line protocol has no spelling for NaN or infinity; InfluxDB would reject the whole line.
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "InfluxDB stores finite numbers only.");
        StartField(key);
        Ensure(32);
        value.TryFormat(buffer.AsSpan(length), out var written, "R", CultureInfo.InvariantCulture);
        length += written;
        return this;
    }

    public LineProtocolWriter Field(string key, long value)
    {
        StartField(key);
        Ensure(21);
        value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        WriteByte((byte)'i');
        return this;
    }

    public LineProtocolWriter Field(string key, bool value)
    {
        StartField(key);
        WriteAscii(value ? "true" : "false");
        return this;
    }

    public LineProtocolWriter Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsWellFormed(value)) throw new ArgumentException("The string holds a lone surrogate, which has no UTF-8 form.", nameof(value));
        StartField(key);
        WriteByte((byte)'"');
        WriteEscaped(value, StringFieldSpecials);
        WriteByte((byte)'"');
        return this;
    }

    /// <summary>Ends the line with the instant in this writer's precision.</summary>
    public void Timestamp(DateTimeOffset instant)
    {
        RequireFields();
        WriteByte((byte)' ');
        Ensure(21);
        Precision.ToUnixTime(instant).TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        FinishLine();
    }

    /// <summary>Ends the line without a timestamp: InfluxDB stamps it with its own clock.</summary>
    public void EndLine()
    {
        RequireFields();
        FinishLine();
    }

    /// <summary>Lines <c>[start, start + count)</c>, each ending in <c>\n</c>.</summary>
    public ReadOnlyMemory<byte> Lines(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, LineCount, nameof(count));
        var from = start == 0 ? 0 : lineEnds[start - 1];
        var to = count == 0 ? from : lineEnds[start + count - 1];
        return buffer.AsMemory(from, to - from);
    }

    /// <summary>Forgets every line and keeps the buffer for the next batch.</summary>
    public void Clear()
    {
        length = 0;
        lineStart = 0;
        part = Part.None;
        lineEnds.Clear();
    }

    public override string ToString() => Encoding.UTF8.GetString(Written.Span);

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
    }

    private static void RequireName(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text, parameter);
        if (!CanRepresentName(text))
            throw new ArgumentException($"'{text}' cannot be written to InfluxDB: names and tag values must be non-empty, hold no line break and not end in a backslash.", parameter);
    }

    private void StartField(string key)
    {
        if (part == Part.None) throw new InvalidOperationException("Start a line with Measurement first.");
        RequireName(key, nameof(key));
        WriteByte(part == Part.Tags ? (byte)' ' : (byte)',');
        part = Part.Fields;
        WriteEscaped(key, TagSpecials);
        WriteByte((byte)'=');
    }

    private void RequireFields()
    {
        if (part != Part.Fields) throw new InvalidOperationException("A line needs at least one field.");
    }

    private void FinishLine()
    {
        WriteByte((byte)'\n');
        lineEnds.Add(length);
        lineStart = length;
        part = Part.None;
    }

    private void WriteEscaped(ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(specials);
            var plain = next < 0 ? text : text[..next];
            Ensure(Encoding.UTF8.GetMaxByteCount(plain.Length));
            length += Encoding.UTF8.GetBytes(plain, buffer.AsSpan(length));
            if (next < 0) return;
            Ensure(2);
            buffer[length++] = (byte)'\\';
            buffer[length++] = (byte)text[next];
            text = text[(next + 1)..];
        }
    }

    private void WriteAscii(string text)
    {
        Ensure(text.Length);
        length += Encoding.ASCII.GetBytes(text, buffer.AsSpan(length));
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        buffer[length++] = value;
    }

    private void Ensure(int more)
    {
        if (length + more <= buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
