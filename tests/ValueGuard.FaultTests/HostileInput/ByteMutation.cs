using CsCheck;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>Random damage to a valid binary payload: flipped, inserted, deleted and duplicated bytes, truncation.</summary>
internal static class ByteMutation
{
    public static Gen<Func<byte[], byte[]>> One { get; } = Gen.OneOf(
        Gen.Int[0, 1 << 16].Select(Gen.Byte).Select(t => (Func<byte[], byte[]>)(b => Flip(b, t.Item1, t.Item2))),
        Gen.Int[0, 1 << 16].Select(Gen.Byte.Array[1, 16]).Select(t => (Func<byte[], byte[]>)(b => Insert(b, t.Item1, t.Item2))),
        Gen.Int[0, 1 << 16].Select(Gen.Int[1, 32]).Select(t => (Func<byte[], byte[]>)(b => Delete(b, t.Item1, t.Item2))),
        Gen.Int[0, 1 << 16].Select(Gen.Int[1, 64]).Select(t => (Func<byte[], byte[]>)(b => Duplicate(b, t.Item1, t.Item2))),
        Gen.Int[0, 1 << 16].Select(n => (Func<byte[], byte[]>)(b => b[..Math.Min(n % (b.Length + 1), b.Length)])));

    /// <summary>One to eight mutations applied in turn.</summary>
    public static Gen<Func<byte[], byte[]>> Some { get; } =
        One.Array[1, 8].Select(list => (Func<byte[], byte[]>)(b => list.Aggregate(b, (bytes, mutate) => mutate(bytes))));

    private static byte[] Flip(byte[] b, int at, byte mask)
    {
        if (b.Length == 0) return b;
        var copy = (byte[])b.Clone();
        copy[at % b.Length] ^= mask == 0 ? (byte)1 : mask;
        return copy;
    }

    private static byte[] Insert(byte[] b, int at, byte[] bytes)
    {
        at %= b.Length + 1;
        return [.. b[..at], .. bytes, .. b[at..]];
    }

    private static byte[] Delete(byte[] b, int at, int length)
    {
        if (b.Length == 0) return b;
        at %= b.Length;
        return [.. b[..at], .. b[Math.Min(b.Length, at + length)..]];
    }

    private static byte[] Duplicate(byte[] b, int at, int length)
    {
        if (b.Length == 0) return b;
        at %= b.Length;
        var slice = b[at..Math.Min(b.Length, at + length)];
        return [.. b[..at], .. slice, .. b[at..]];
    }
}
