namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>Turns one line of text into named values, or says it does not match.</summary>
public interface ILineDecoder
{
    /// <summary>Fills <paramref name="values"/> (signal name → value) and returns true when the line matches.</summary>
    bool TryDecode(string line, List<KeyValuePair<string, double>> values);
}
