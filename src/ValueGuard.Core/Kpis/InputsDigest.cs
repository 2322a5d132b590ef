using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// SHA-256 over the window and the samples a KPI read, so a verdict can name exactly its inputs.
/// Layout: window from and to (UTC ticks, int64 BE), then per list, per chunk (the list's samples that fall
/// in one one-hour UTC bucket of <see cref="BucketGrid"/>, in list order): the bucket's start (UTC ticks,
/// int64 BE), the chunk's sample count (int32 BE) and the chunk's SHA-256. A chunk's SHA-256 covers per
/// sample: UTF-8 "device/signal", 0x00, UTC ticks (int64 BE), IEEE-754 value (int64 BE). Chunks let the
/// evaluator reuse the digests of buckets that did not change instead of hashing every sample again.
/// </summary>
public static class InputsDigest
{
    private const int BufferSize = 64 * 1024;
    private const int ChunkRecordSize = 8 + 4 + 32;

    public static string Compute(EvaluationWindow window, IEnumerable<IReadOnlyList<Sample>> sampleLists) =>
        Combine(window, sampleLists.SelectMany(ChunksOf));

    /// <summary>The digest from chunk digests already at hand (cached buckets, edge chunks computed fresh).</summary>
    public static string Combine(EvaluationWindow window, IEnumerable<DigestChunk> chunks)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> record = stackalloc byte[ChunkRecordSize];
        BinaryPrimitives.WriteInt64BigEndian(record, window.From.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(record[8..], window.To.UtcTicks);
        hash.AppendData(record[..16]);
        foreach (var chunk in chunks)
        {
            BinaryPrimitives.WriteInt64BigEndian(record, BucketGrid.StartOf(chunk.Bucket).UtcTicks);
            BinaryPrimitives.WriteInt32BigEndian(record[8..], chunk.Count);
            chunk.Sha256.CopyTo(record[12..]);
            hash.AppendData(record);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The chunks of one list: runs of consecutive samples in the same bucket.</summary>
    public static IEnumerable<DigestChunk> ChunksOf(IReadOnlyList<Sample> samples)
    {
        var start = 0;
        while (start < samples.Count)
        {
            var bucket = BucketGrid.IndexOf(samples[start].Timestamp);
            var end = start + 1;
            while (end < samples.Count && BucketGrid.IndexOf(samples[end].Timestamp) == bucket) end++;
            yield return ChunkOf(samples, start, end - start);
            start = end;
        }
    }

    /// <summary>The chunk of <paramref name="count"/> samples from <paramref name="start"/>, all in one bucket.</summary>
    public static DigestChunk ChunkOf(IReadOnlyList<Sample> samples, int start, int count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var used = 0;
            SignalId? current = null;
            byte[] name = [];
            for (var i = start; i < start + count; i++)
            {
                var sample = samples[i];
                // Samples of one list share their signal: encode the name once per run, not per sample.
                if (current != sample.Signal)
                {
                    current = sample.Signal;
                    name = Encoding.UTF8.GetBytes(sample.Signal.ToString());
                }
                if (used + name.Length + 17 > buffer.Length)
                {
                    hash.AppendData(buffer, 0, used);
                    used = 0;
                }
                if (name.Length + 17 > buffer.Length)
                {
                    hash.AppendData(name); // a name longer than the buffer: the buffer was just emptied
                }
                else
                {
                    name.CopyTo(buffer, used);
                    used += name.Length;
                }
                buffer[used++] = 0;
                BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(used), sample.Timestamp.UtcTicks);
                BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(used + 8), BitConverter.DoubleToInt64Bits(sample.Value));
                used += 16;
            }
            hash.AppendData(buffer, 0, used);
            return new DigestChunk(BucketGrid.IndexOf(samples[start].Timestamp), count, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
