namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Reads lines of <c>key=value</c> pairs separated by commas, semicolons, spaces or tabs (<c>T=21.5,RUN=1</c>); every
/// pair becomes a field named by its key. A line without a single pair does not match.
/// </summary>
public sealed class KeyValueLineDecoder : ILineDecoder
{
    private static readonly char[] Separators = [',', ';', ' ', '\t'];

    public bool TryDecode(string line, List<KeyValuePair<string, string>> fields)
    {
        foreach (var pair in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) fields.Add(KeyValuePair.Create(pair[..equals], pair[(equals + 1)..]));
        }
        return fields.Count > 0;
    }
}
