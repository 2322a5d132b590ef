using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Profiles;

/// <summary>Reads the <c>ascii:</c> section of a <c>transport: ascii-line</c> profile and checks its signals' fields against it.</summary>
internal static class AsciiProfileReader
{
    private static readonly Dictionary<string, string> NamedTerminators = new(StringComparer.Ordinal)
    {
        ["crlf"] = "\r\n", ["lf"] = "\n", ["cr"] = "\r", ["etx"] = "\u0003",
    };

    public static AsciiMapping? Read(MappingReader profile)
    {
        var errors = profile.Errors;
        if (profile.Mapping("ascii", required: true) is not { } node) return null;
        var r = new MappingReader(node, "ascii", errors, "terminator", "max_line_length", "checksum", "pattern", "format");
        var terminator = "\n";
        if (r.Scalar("terminator") is { } t)
        {
            var text = NamedTerminators.GetValueOrDefault(t.Value!, t.Value!);
            if (text.Length is 0 or > 8 || text.Any(c => c > 0x7F))
                errors.Add(t, $"ascii: terminator '{t.Value}' cannot end a line", "write crlf, lf, cr, etx or the text in double quotes, for example \"\\r\\n\"");
            else terminator = text;
        }
        var maxLength = 256;
        if (r.Scalar("max_line_length") is { } m)
        {
            if (int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 8 and <= 65536) maxLength = n;
            else errors.Add(m, $"ascii: max_line_length '{m.Value}' is not a whole number from 8 to 65536", "give the longest line the device sends, plus some room (NMEA 0183 allows 82 characters)");
        }
        var checksum = false;
        if (r.Scalar("checksum") is { } c)
        {
            if (c.Value is "nmea" or "none") checksum = c.Value == "nmea";
            else errors.Add(c, $"ascii: checksum '{c.Value}' is not known", "use nmea (a *HH at the end of $-sentences) or none");
        }
        var format = r.Scalar("format");
        var keyValue = format?.Value == "key-value";
        if (format is not null && format.Value is not ("regex" or "key-value"))
            errors.Add(format, $"ascii: format '{format.Value}' is not known", "use regex (with pattern:) or key-value (KEY=value pairs)");
        var pattern = r.Scalar("pattern", required: !keyValue);
        if (keyValue && pattern is not null) errors.Add(pattern, "ascii: a key-value format takes no pattern", "remove pattern:, or use format: regex");
        if (!keyValue && pattern is not null && Compile(pattern, errors) is null) return null;
        return new AsciiMapping(terminator, maxLength, checksum, keyValue ? null : pattern?.Value, keyValue);
    }

    /// <summary>Every signal's field must be a named group of the pattern; a field that is not would never get a value.</summary>
    public static void CheckFields(AsciiMapping ascii, YamlMappingNode signals, IReadOnlyDictionary<string, SignalMapping> read, ErrorList errors)
    {
        if (ascii.Pattern is null) return;
        var groups = new Regex(ascii.Pattern, RegexOptions.ExplicitCapture).GetGroupNames().Where(g => !int.TryParse(g, out _)).ToList();
        foreach (var (keyNode, body) in signals.Children)
        {
            if (MappingKeys.TryName(keyNode) is not { } name || !read.TryGetValue(name, out var signal) || groups.Contains(signal.Field, StringComparer.Ordinal)) continue;
            var guess = KeyMatcher.Closest(signal.Field, groups);
            errors.Add(body, $"signal '{name}': field '{signal.Field}' is not a named group of the pattern",
                guess is not null ? $"did you mean '{guess}'?" : $"name a group of the pattern ({string.Join(", ", groups)}) or add (?<{signal.Field}>…) to it");
        }
    }

    private static Regex? Compile(YamlScalarNode pattern, ErrorList errors)
    {
        try
        {
            var regex = new Regex(pattern.Value!, RegexOptions.ExplicitCapture);
            if (regex.GetGroupNames().All(g => int.TryParse(g, out _)))
            {
                errors.Add(pattern, "ascii: the pattern has no named group", "capture each field with a named group, for example (?<weight>-?\\d+\\.\\d+)");
                return null;
            }
            return regex;
        }
        catch (ArgumentException e)
        {
            errors.Add(pattern, $"ascii: the pattern is not a valid regular expression: {e.Message}", "write a .NET regular expression; in YAML put it in single quotes so backslashes stay as written");
            return null;
        }
    }
}
