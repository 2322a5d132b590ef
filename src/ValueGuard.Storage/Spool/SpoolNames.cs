using System.Text;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// The device and signal names of batches read back from the spool, each kept as one string: a site has a few
/// hundred names, and the forwarder reads millions of samples a day. Bounded: past <see cref="Capacity"/> names,
/// new ones are decoded each time instead of kept.
/// </summary>
internal sealed class SpoolNames
{
    public const int Capacity = 65_536;

    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> byChars;

    public SpoolNames() => byChars = names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[256];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        if (byChars.TryGetValue(chars[..length], out var known)) return known;
        var text = new string(chars[..length]);
        if (names.Count < Capacity) names[text] = text;
        return text;
    }
}
