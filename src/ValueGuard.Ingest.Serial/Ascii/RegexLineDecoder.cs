using System.Text.RegularExpressions;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Reads a line with a regular expression whose named groups are the fields: <c>T=(?&lt;temperature&gt;-?\d+\.\d)</c>.
/// Groups that did not take part in the match are left out.
/// </summary>
public sealed class RegexLineDecoder : ILineDecoder
{
    private readonly Regex regex;
    private readonly string[] groups;

    public RegexLineDecoder(string pattern)
    {
        regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(50));
        groups = [.. regex.GetGroupNames().Where(n => !int.TryParse(n, out _))];
        if (groups.Length == 0) throw new ArgumentException($"The pattern '{pattern}' names no field; use named groups like (?<temperature>...).", nameof(pattern));
    }

    public bool TryDecode(string line, List<KeyValuePair<string, string>> fields)
    {
        Match match;
        try
        {
            match = regex.Match(line);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line must not stall the reader; it counts as not matching.
            return false;
        }
        if (!match.Success) return false;
        foreach (var name in groups)
        {
            var group = match.Groups[name];
            if (group.Success) fields.Add(KeyValuePair.Create(name, group.Value));
        }
        return true;
    }
}
