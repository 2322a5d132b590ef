using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Tests;

public class InputsDigestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The documented layout, written the plain way: the recorded digests must never change.</summary>
    private static string Reference(EvaluationWindow window, IEnumerable<IReadOnlyList<Sample>> lists)
    {
        static void Int64(List<byte> to, long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); to.AddRange(b); }
        var bytes = new List<byte>();
        Int64(bytes, window.From.UtcTicks);
        Int64(bytes, window.To.UtcTicks);
        foreach (var list in lists)
        {
            var i = 0;
            while (i < list.Count)
            {
                var hourStart = list[i].Timestamp.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour;
                var chunk = new List<byte>();
                var count = 0;
                for (; i < list.Count && list[i].Timestamp.UtcTicks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour == hourStart; i++, count++)
                {
                    chunk.AddRange(Encoding.UTF8.GetBytes(list[i].Signal.ToString()));
                    chunk.Add(0);
                    Int64(chunk, list[i].Timestamp.UtcTicks);
                    Int64(chunk, BitConverter.DoubleToInt64Bits(list[i].Value));
                }
                Int64(bytes, hourStart);
                var n = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(n, count);
                bytes.AddRange(n);
                bytes.AddRange(SHA256.HashData([.. chunk]));
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData([.. bytes]));
    }

    [Fact]
    public void The_digest_follows_the_documented_byte_layout()
    {
        var sample = Gen.Select(Gen.String[1, 20], Gen.Int[0, 1000], Gen.Double).Select((n, m, v) => new Sample(new SignalId("d", n), T0.AddMinutes(m), v));
        Gen.Select(sample.List[0, 40], sample.List[0, 3000]).Sample((a, b) =>
        {
            var window = new EvaluationWindow(T0, T0.AddDays(1));
            Assert.Equal(Reference(window, [a, b]), InputsDigest.Compute(window, [a, b]));
        }, iter: 50);
    }

    [Fact]
    public void Signal_names_longer_than_the_hash_buffer_keep_the_layout()
    {
        var window = new EvaluationWindow(T0, T0.AddDays(1));
        var longName = new SignalId("d", new string('x', 70_000));
        IReadOnlyList<Sample> list = [new(longName, T0, 1), new(longName, T0.AddMinutes(1), 2), new(new SignalId("d", "short"), T0, 3)];

        Assert.Equal(Reference(window, [list]), InputsDigest.Compute(window, [list]));
    }
}
