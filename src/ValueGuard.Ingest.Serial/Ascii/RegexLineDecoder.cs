using System.Globalization;
using System.Text.RegularExpressions;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Reads a line with a regular expression whose named groups are signals: <c>T=(?&lt;temperature&gt;-?\d+\.\d)</c>.
/// Groups that did not take part in the match are left out; a group whose text is not a number fails the line.
/// </summary>
public sealed class RegexLineDecoder : ILineDecoder
{
    private readonly Regex regex;
    private readonly string[] signals;

    public RegexLineDecoder(string pattern)
    {
        regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(50));
        signals = [.. regex.GetGroupNames().Where(n => !int.TryParse(n, out _))];
        if (signals.Length == 0) throw new ArgumentException($"The pattern '{pattern}' names no signal; use named groups like (?<temperature>...).", nameof(pattern));
    }

    public bool TryDecode(string line, List<KeyValuePair<string, double>> values)
    {
        var match = regex.Match(line);
        if (!match.Success) return false;
        foreach (var signal in signals)
        {
            var group = match.Groups[signal];
            if (!group.Success) continue;
            if (!double.TryParse(group.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return false;
            values.Add(KeyValuePair.Create(signal, value));
        }
        return true;
    }
}
