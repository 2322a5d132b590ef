using System.Globalization;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Reads lines of <c>key=value</c> pairs separated by commas, semicolons or spaces (<c>T=21.5,RUN=1</c>). The map
/// names which keys become which signals; other keys are ignored. A line with none of the mapped keys does not match.
/// </summary>
public sealed class KeyValueLineDecoder(IReadOnlyDictionary<string, string> signalsByKey) : ILineDecoder
{
    private static readonly char[] Separators = [',', ';', ' ', '\t'];

    public bool TryDecode(string line, List<KeyValuePair<string, double>> values)
    {
        var found = 0;
        foreach (var pair in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !signalsByKey.TryGetValue(pair[..equals], out var signal)) continue;
            if (!double.TryParse(pair.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return false;
            values.Add(KeyValuePair.Create(signal, value));
            found++;
        }
        return found > 0;
    }
}
