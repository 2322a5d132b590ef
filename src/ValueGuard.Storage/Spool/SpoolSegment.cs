using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// One spool file: an 8-byte magic, then records of <c>[u32 length][u32 CRC-32 of length and payload][payload]</c>.
/// Appended to while it is the newest segment, read back by record index, deleted whole. A record whose payload is
/// <c>VGDRAIN1</c> is a drain mark: every record before it has been forwarded, so readers skip them.
/// </summary>
internal sealed class SpoolSegment : IDisposable
{
    public const int RecordHeaderBytes = 8;
    private static readonly byte[] Magic = "VGSPOOL1"u8.ToArray();

    // Not a sample batch: as one, its first 4 bytes would claim about 1.4 billion samples in an 8-byte payload.
    private static readonly byte[] DrainMark = "VGDRAIN1"u8.ToArray();
    private static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly List<(long Offset, int Length)> records;
    private FileStream? appender;
    private SafeFileHandle? reader;

    private readonly List<int> sampleCounts;

    private SpoolSegment(string path, long number, long length, List<(long, int)> records, List<int> sampleCounts)
    {
        this.sampleCounts = sampleCounts;
        Path = path;
        Number = number;
        Length = length;
        this.records = records;
    }

    public string Path { get; }

    public long Number { get; }

    public long Length { get; private set; }

    public int RecordCount => records.Count;

    /// <summary>When the segment's last record was written: for a recovered segment, the file's last write.</summary>
    public DateTimeOffset LastWrite { get; private set; }

    /// <summary>Bytes a record takes in the file, header included.</summary>
    public int RecordBytes(int index) => RecordHeaderBytes + records[index].Length;

    /// <summary>Samples in a record: the count its payload starts with.</summary>
    public int SampleCount(int index) => sampleCounts[index];

    public static string FileName(long number) => $"{number:D12}.spool";

    public static SpoolSegment Create(string directory, long number)
    {
        var path = System.IO.Path.Combine(directory, FileName(number));
        var stream = new FileStream(path, Create(FileMode.CreateNew));
        stream.Write(Magic);
        stream.Flush(flushToDisk: true);
        return new SpoolSegment(path, number, Magic.Length, [], []) { appender = stream };
    }

    /// <summary>
    /// Reads a segment written before a restart, keeps every intact record and cuts out torn or corrupt
    /// bytes; when it cut anything it rewrites the file, so the same loss is not reported again.
    /// </summary>
    public static SpoolSegment Recover(string path, long number, SpoolDamageCount damage)
    {
        var data = File.ReadAllBytes(path);
        var found = new SpoolDamageCount();
        var intact = Walk(data, found);
        damage.Add(found);
        var counts = intact.Select(r => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((int)r.Offset, 4))).ToList();
        var lastWrite = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var segment = found.LostBytes == 0 ? new SpoolSegment(path, number, data.Length, intact, counts) : Rewrite(path, number, data, intact, counts);
        segment.LastWrite = lastWrite;
        return segment;
    }

    /// <summary>Counts a segment's intact records and samples without changing the file (for status while a gateway may own it).</summary>
    public static (int Records, long Samples) Count(string path)
    {
        var data = ReadShared(path);
        var intact = Walk(data, new SpoolDamageCount());
        return (intact.Count, intact.Sum(r => (long)BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((int)r.Offset, 4))));
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// The intact records after the last drain mark. Damage before that mark is not counted either: what was there had
    /// been forwarded.
    /// </summary>
    private static List<(long Offset, int Length)> Walk(byte[] data, SpoolDamageCount damage)
    {
        var intact = new List<(long Offset, int Length)>();
        var sinceDrained = new SpoolDamageCount();
        var position = data.AsSpan().StartsWith(Magic) ? Magic.Length : 0;
        if (position == 0 && data.Length > 0)
        {
            // Without the magic the file is not a segment we wrote completely; search it for records anyway.
            damage.AddHeader(Math.Min(data.Length, Magic.Length));
            position = Math.Min(data.Length, Magic.Length);
        }
        while (position < data.Length)
        {
            if (TryReadRecord(data, position, out var length))
            {
                if (data.AsSpan(position + RecordHeaderBytes, length).SequenceEqual(DrainMark))
                {
                    intact.Clear();
                    sinceDrained = new SpoolDamageCount();
                }
                else intact.Add((position + RecordHeaderBytes, length));
                position += RecordHeaderBytes + length;
                continue;
            }
            var next = position + 1;
            while (next < data.Length && !TryReadRecord(data, next, out _)) next++;
            sinceDrained.AddRegion(data, position, next);
            position = next;
        }
        damage.Add(sinceDrained);
        return intact;
    }

    public void Append(ReadOnlySpan<byte> payload, int sampleCount, DateTimeOffset at, bool flushToDisk)
    {
        WriteRecord(payload, flushToDisk);
        records.Add((Length + RecordHeaderBytes, payload.Length));
        sampleCounts.Add(sampleCount);
        LastWrite = at;
        Length += RecordHeaderBytes + payload.Length;
    }

    public void FlushToDisk() => appender?.Flush(flushToDisk: true);

    public byte[] ReadPayload(int index)
    {
        var payload = new byte[records[index].Length];
        ReadPayload(index, payload);
        return payload;
    }

    /// <summary>The record's payload length, to size a buffer for <see cref="ReadPayload(int, Span{byte})"/>.</summary>
    public int PayloadLength(int index) => records[index].Length;

    /// <summary>Reads the record's payload into the start of <paramref name="destination"/>.</summary>
    public void ReadPayload(int index, Span<byte> destination)
    {
        var (offset, length) = records[index];
        reader ??= File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(reader, destination[read..length], offset + read);
            if (n == 0) throw new IOException($"Spool segment {Path} ended early at record {index}.");
            read += n;
        }
    }

    /// <summary>
    /// Forgets every record of a drained segment that is still being appended to by appending a drain mark; the next
    /// records follow it. While the forwarder keeps up with ingest, the spool thus keeps appending to one file until it
    /// is full, instead of cutting it back after every forward: each cut freed the file's blocks (and trimmed them on a
    /// file system mounted with <c>discard</c>), and the next appends allocated them again (bench/README.md, round 9).
    /// The mark is not forced to disk on its own: the next batch's fsync carries it, and until then a crash brings the
    /// forwarded records back, which replaying rewrites.
    /// </summary>
    public void MarkDrained()
    {
        WriteRecord(DrainMark, flushToDisk: false);
        records.Clear();
        sampleCounts.Clear();
        Length += RecordHeaderBytes + DrainMark.Length;
    }

    private void WriteRecord(ReadOnlySpan<byte> payload, bool flushToDisk)
    {
        if (appender is null) throw new InvalidOperationException("This segment is closed for appending.");
        Span<byte> header = stackalloc byte[RecordHeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Checksum(header[..4], payload));
        appender.Write(header);
        appender.Write(payload);
        appender.Flush(flushToDisk);
    }

    /// <summary>Bytes of a drained segment that only forwarded records and drain marks take (0 while it holds records).</summary>
    public long DrainedBytes => records.Count == 0 ? Length - Magic.Length : 0;

    /// <summary>Whether the segment holds no records (a drained segment kept for appending, or one recovered empty).</summary>
    public bool IsEmpty => records.Count == 0;

    public void CloseForAppending()
    {
        appender?.Flush(flushToDisk: true);
        appender?.Dispose();
        appender = null;
    }

    public void Delete()
    {
        Dispose();
        File.Delete(Path);
    }

    public void Dispose()
    {
        CloseForAppending();
        reader?.Dispose();
        reader = null;
    }

    private static bool TryReadRecord(byte[] data, int position, out int length)
    {
        length = 0;
        if (data.Length - position < RecordHeaderBytes) return false;
        length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(position));
        if (length <= 0 || length > data.Length - position - RecordHeaderBytes) return false;
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position + 4));
        return stored == Checksum(data.AsSpan(position, 4), data.AsSpan(position + RecordHeaderBytes, length));
    }

    // The length is inside the checksum: a flipped length bit must not pass as a shorter, valid record.
    private static uint Checksum(ReadOnlySpan<byte> lengthBytes, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append(lengthBytes);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    private static SpoolSegment Rewrite(string path, long number, byte[] data, List<(long Offset, int Length)> intact, List<int> counts)
    {
        var temporary = path + ".recovering";
        var kept = new List<(long, int)>(intact.Count);
        using (var stream = new FileStream(temporary, Create(FileMode.Create)))
        {
            stream.Write(Magic);
            foreach (var (offset, length) in intact)
            {
                kept.Add((stream.Position + RecordHeaderBytes, length));
                stream.Write(data, (int)offset - RecordHeaderBytes, RecordHeaderBytes + length);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return new SpoolSegment(path, number, new FileInfo(path).Length, kept, counts);
    }

    private static FileStreamOptions Create(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        return options;
    }
}
