using ValueGuard.Configuration.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ValueGuard.Configuration.Yaml;

/// <summary>
/// Bounds on a configuration file checked on the parser's event stream before any node tree is built, so a
/// hostile or broken file (megabytes of text, nesting thousands of levels deep, an alias bomb) is refused
/// with a located error instead of exhausting the stack or memory. Real site, contract and profile files
/// stay far below every bound.
/// </summary>
public static class YamlShapeLimits
{
    /// <summary>Largest file read, in characters.</summary>
    public const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most parser events (scalars, mapping and sequence starts and ends, aliases) in one file.</summary>
    public const int MaxEvents = 1_000_000;

    /// <summary>Most alias references (<c>*name</c>) in one file.</summary>
    public const int MaxAliases = 1_000;

    /// <summary>True when the text is within every bound; otherwise one error is added at the offending place.</summary>
    public static bool Check(string text, ErrorList errors)
    {
        if (text.Length > MaxCharacters)
        {
            errors.Add(new Mark(0, 1, 1), $"the file holds {text.Length:N0} characters, more than the {MaxCharacters:N0} a configuration file may have",
                "this is not a configuration file, or it embeds data that belongs in the store; split it or remove the data");
            return false;
        }
        var parser = new Parser(new StringReader(text));
        int depth = 0, events = 0, aliases = 0;
        var last = new Mark(0, 1, 1);
        while (true)
        {
            bool more;
            try
            {
                more = parser.MoveNext();
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's scanner throws this instead of a YamlException on a few malformed inputs (found by the
                // hostile-input tests); without this the loader would have crashed on them.
                errors.Add(last, "the file is not valid YAML after this place", "check indentation (spaces, not tabs), quoting and brackets here");
                return false;
            }
            if (!more) return true;
            var current = parser.Current!;
            last = current.End;
            if (++events > MaxEvents)
            {
                errors.Add(current.Start, $"the file has more than {MaxEvents:N0} YAML elements", "a configuration file is far smaller; check that the right file was given");
                return false;
            }
            switch (current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    errors.Add(current.Start, $"the file nests mappings and lists more than {MaxDepth} levels deep", "flatten the structure; no ValueGuard setting nests this deep");
                    return false;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case AnchorAlias when ++aliases > MaxAliases:
                    errors.Add(current.Start, $"the file uses more than {MaxAliases:N0} aliases (*name)", "write the values out instead of referring to anchors this often");
                    return false;
            }
        }
    }
}
