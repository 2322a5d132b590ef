using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// SHA-256 over the window and the samples a KPI read, so a verdict can name exactly its inputs.
/// Layout per sample: UTF-8 "device/signal", 0x00, UTC ticks (int64 BE), IEEE-754 value (int64 BE).
/// </summary>
public static class InputsDigest
{
    public static string Compute(EvaluationWindow window, IEnumerable<IReadOnlyList<Sample>> sampleLists)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(buffer, window.From.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(buffer[8..], window.To.UtcTicks);
        hash.AppendData(buffer);
        foreach (var list in sampleLists)
        {
            foreach (var sample in list)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(sample.Signal.ToString()));
                hash.AppendData([0]);
                BinaryPrimitives.WriteInt64BigEndian(buffer, sample.Timestamp.UtcTicks);
                BinaryPrimitives.WriteInt64BigEndian(buffer[8..], BitConverter.DoubleToInt64Bits(sample.Value));
                hash.AppendData(buffer);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
