using System.Buffers.Binary;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// What the damaged regions of spool segments held, as far as it can still be read. A region starts where a record
/// should start. When the record lengths in it lead exactly to the next intact record, every record there is counted as
/// cut, with its samples where its payload still has the layout of a sample batch (else its bytes are uncounted).
/// Otherwise (a torn tail, a damaged length) records are counted from the start only while their layout confirms them,
/// and the rest of the region is only bytes (<see cref="UncountedBytes"/>).
/// </summary>
internal sealed class SpoolDamageCount
{
    public long LostBytes { get; private set; }

    public int Regions { get; private set; }

    /// <summary>Whole records cut (their bounds still readable).</summary>
    public long RecordsCut { get; private set; }

    /// <summary>The samples in those of <see cref="RecordsCut"/> whose layout is intact.</summary>
    public long SamplesCut { get; private set; }

    /// <summary>Damaged bytes whose records or samples could not be counted (each such stretch held at least one sample).</summary>
    public long UncountedBytes { get; private set; }

    /// <summary>Counts the damaged region <c>[start, end)</c> of <paramref name="data"/>, which starts where a record should.</summary>
    public void AddRegion(ReadOnlySpan<byte> data, int start, int end)
    {
        LostBytes += end - start;
        Regions++;
        var framed = Frame(data, start, end);
        if (framed is not null)
        {
            // The lengths chain up to the next intact record: these are the records lost, each counted, its samples where its layout is intact.
            foreach (var (at, length) in framed)
            {
                RecordsCut++;
                var samples = SampleBatchCodec.CountSamples(data.Slice(at + SpoolSegment.RecordHeaderBytes, length));
                if (samples >= 0) SamplesCut += samples;
                else UncountedBytes += SpoolSegment.RecordHeaderBytes + length;
            }
            return;
        }
        // The lengths do not chain up (a torn tail, a damaged length): records are counted only while their layout confirms them.
        var next = start;
        while (end - next >= SpoolSegment.RecordHeaderBytes)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[next..]);
            if (length < 4 || length > end - next - SpoolSegment.RecordHeaderBytes) break;
            var samples = SampleBatchCodec.CountSamples(data.Slice(next + SpoolSegment.RecordHeaderBytes, length));
            if (samples < 0) break;
            RecordsCut++;
            SamplesCut += samples;
            next += SpoolSegment.RecordHeaderBytes + length;
        }
        UncountedBytes += end - next;
    }

    /// <summary>The records of <c>[start, end)</c> when their length fields lead exactly from start to end; else null.</summary>
    private static List<(int At, int Length)>? Frame(ReadOnlySpan<byte> data, int start, int end)
    {
        var records = new List<(int, int)>();
        var at = start;
        while (at < end)
        {
            if (end - at < SpoolSegment.RecordHeaderBytes) return null;
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            if (length < 4 || length > end - at - SpoolSegment.RecordHeaderBytes) return null;
            records.Add((at, length));
            at += SpoolSegment.RecordHeaderBytes + length;
        }
        return records;
    }

    /// <summary>Bytes before any record could start (a damaged file header): no samples there.</summary>
    public void AddHeader(int bytes)
    {
        LostBytes += bytes;
        Regions++;
    }

    public void Add(SpoolDamageCount other)
    {
        LostBytes += other.LostBytes;
        Regions += other.Regions;
        RecordsCut += other.RecordsCut;
        SamplesCut += other.SamplesCut;
        UncountedBytes += other.UncountedBytes;
    }
}
