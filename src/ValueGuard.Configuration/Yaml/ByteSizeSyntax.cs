using System.Globalization;

namespace ValueGuard.Configuration.Yaml;

/// <summary>Sizes as people write them: <c>4096</c>, <c>512KB</c>, <c>256MB</c>, <c>2GB</c> (binary multiples: 1 KB = 1024 bytes).</summary>
public static class ByteSizeSyntax
{
    public const string Hint = "write a size such as 512MB, 2GB or a number of bytes (KB, MB, GB are multiples of 1024)";

    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (!t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            factor = f;
            t = t[..^suffix.Length].TrimEnd();
            break;
        }
        if (!decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0) return false;
        var value = number * factor;
        if (value > long.MaxValue) return false;
        bytes = (long)value;
        return bytes > 0;
    }
}
