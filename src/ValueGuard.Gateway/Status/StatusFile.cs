using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// <c>data_dir/status.json</c>: the running gateway's latest status, replaced atomically (written to a
/// temporary file, then renamed) so a reader never sees half of it.
/// </summary>
public static class StatusFile
{
    public const string FileName = "status.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, FileName);

    public static void Write(string path, JsonObject snapshot)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, snapshot.ToJsonString(Indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The snapshot, or null when there is none or it cannot be read as JSON.</summary>
    public static JsonObject? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
