using System.Buffers;
using System.Text.Json;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// Rejected messages, kept for a person to look at: one JSON line each with the time, topic, reason, detail
/// and the first <see cref="MaxPayloadBytes"/> of the raw payload (base64). Bounded: past
/// <see cref="MaxFileBytes"/> the file moves to <c>.1</c> (replacing the previous one) and starts again.
/// Owner-only permissions; payloads may hold plant data.
/// </summary>
public sealed class DeadLetterFile
{
    public const int MaxPayloadBytes = 4096;

    private readonly Lock gate = new();

    public DeadLetterFile(string path, long maxFileBytes = 10 * 1024 * 1024)
    {
        Path = path;
        MaxFileBytes = maxFileBytes;
    }

    public string Path { get; }

    public long MaxFileBytes { get; }

    public void Write(DateTimeOffset at, string topic, string reason, string detail, ReadOnlySequence<byte> payload)
    {
        var kept = payload.Length > MaxPayloadBytes ? payload.Slice(0, MaxPayloadBytes) : payload;
        var line = JsonSerializer.Serialize(new
        {
            at = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            topic,
            reason,
            detail,
            payload_bytes = payload.Length,
            payload_base64 = Convert.ToBase64String(kept.ToArray()),
        }) + "\n";
        lock (gate)
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (dir is not null) Directory.CreateDirectory(dir);
            if (File.Exists(Path) && new FileInfo(Path).Length + line.Length > MaxFileBytes) File.Move(Path, Path + ".1", overwrite: true);
            var created = !File.Exists(Path);
            File.AppendAllText(Path, line);
            if (created && !OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
