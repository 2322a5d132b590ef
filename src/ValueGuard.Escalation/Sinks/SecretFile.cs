using System.Text;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Reads a credential (webhook secret, API key) from a file. Trailing whitespace and newlines are cut,
/// so <c>echo secret &gt; file</c> works; the value never appears in an exception or a log.
/// </summary>
internal static class SecretFile
{
    public static string Read(string path, string setting)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8).TrimEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: cannot read '{path}': {e.Message}", e);
        }
        if (text.Length == 0) throw new InvalidOperationException($"{setting}: '{path}' is empty; write the secret into it.");
        return text;
    }
}
