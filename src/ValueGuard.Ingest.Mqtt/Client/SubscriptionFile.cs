using System.Text.Json;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>The topic filters last subscribed on the persistent session, as a JSON array in the data folder.</summary>
internal static class SubscriptionFile
{
    /// <summary>The remembered filters; none when the file is missing or not a list of strings (then nothing is unsubscribed).</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path))?.Where(f => !string.IsNullOrEmpty(f)).ToList() ?? [];
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Replaces the file in one rename, so a crash leaves the old list or the new one.</summary>
    public static void Write(string path, IReadOnlyList<string> filters)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(filters));
        File.Move(temporary, path, overwrite: true);
    }
}
