namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>Cuts one line of text into named fields, or says it does not match.</summary>
public interface ILineDecoder
{
    /// <summary>Fills <paramref name="fields"/> (field name → its text) and returns true when the line matches.</summary>
    bool TryDecode(string line, List<KeyValuePair<string, string>> fields);
}
