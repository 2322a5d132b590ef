using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// SHA-256 over the window and the samples a KPI read, so a verdict can name exactly its inputs.
/// Layout: window from and to (UTC ticks, int64 BE), then per sample: UTF-8 "device/signal", 0x00,
/// UTC ticks (int64 BE), IEEE-754 value (int64 BE).
/// </summary>
public static class InputsDigest
{
    private const int BufferSize = 64 * 1024;

    public static string Compute(EvaluationWindow window, IEnumerable<IReadOnlyList<Sample>> sampleLists)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer, window.From.UtcTicks);
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(8), window.To.UtcTicks);
            var used = 16;
            SignalId? current = null;
            byte[] name = [];
            foreach (var list in sampleLists)
            {
                foreach (var sample in list)
                {
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
            }
            hash.AppendData(buffer, 0, used);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
