using CsCheck;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>Random damage to a real configuration file: the kinds of mistakes editors, copy-paste and broken transfers make.</summary>
internal static class YamlMutation
{
    private static readonly string[] Fragments =
        ["\t", ":", ": ", "- ", "\"", "'", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "%", "#", "\n", "\r\n", "\0", "\uFEFF",
         "  ", "? ", "|", ">", "1e999", "-0", "NaN", ".inf", "~", "null", "<<: *a", "\u202E", "😀", "99999999999999999999999"];

    /// <summary>One mutation: delete, insert, duplicate or swap a slice, or truncate.</summary>
    public static Gen<Func<string, string>> One { get; } = Gen.OneOf(
        Gen.Int[0, 4096].Select(Gen.Int[1, 40]).Select(t => (Func<string, string>)(s => Delete(s, t.Item1, t.Item2))),
        Gen.Int[0, 4096].Select(Gen.OneOf(Fragments)).Select(t => (Func<string, string>)(s => Insert(s, t.Item1, t.Item2))),
        Gen.Int[0, 4096].Select(Gen.Char.Array[1, 8]).Select(t => (Func<string, string>)(s => Insert(s, t.Item1, new string(t.Item2)))),
        Gen.Int[0, 4096].Select(Gen.Int[1, 200]).Select(t => (Func<string, string>)(s => Duplicate(s, t.Item1, t.Item2))),
        Gen.Int[0, 200].Select(Gen.Int[0, 200]).Select(t => (Func<string, string>)(s => SwapLines(s, t.Item1, t.Item2))),
        Gen.Int[0, 4096].Select(n => (Func<string, string>)(s => s[..Math.Min(n, s.Length)])));

    /// <summary>One to six mutations applied in turn.</summary>
    public static Gen<Func<string, string>> Some { get; } =
        One.Array[1, 6].Select(list => (Func<string, string>)(s => list.Aggregate(s, (text, mutate) => mutate(text))));

    private static string Delete(string s, int at, int length)
    {
        if (s.Length == 0) return s;
        at %= s.Length;
        return s.Remove(at, Math.Min(length, s.Length - at));
    }

    private static string Insert(string s, int at, string fragment) => s.Insert(s.Length == 0 ? 0 : at % (s.Length + 1), fragment);

    private static string Duplicate(string s, int at, int length)
    {
        if (s.Length == 0) return s;
        at %= s.Length;
        return s.Insert(at, s.Substring(at, Math.Min(length, s.Length - at)));
    }

    private static string SwapLines(string s, int a, int b)
    {
        var lines = s.Split('\n');
        a %= lines.Length;
        b %= lines.Length;
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }
}
