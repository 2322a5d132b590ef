using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Evidence;

/// <summary>
/// The evidence ledger as a JSON Lines file, one sealed record a line (see <see cref="EvidenceChain"/>),
/// each line flushed to disk before <see cref="AppendAsync{TBody}"/> returns.
/// A torn last line (a crash mid-write) is cut off at open and reported in <see cref="RepairedTail"/>.
/// </summary>
public sealed class JsonlEvidenceLedger : IEvidenceLedger, IDisposable
{
    public static readonly JsonSerializerOptions BodyOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private readonly FileStream stream;
    private readonly SemaphoreSlim gate = new(1, 1);
    private long sequence;

    public JsonlEvidenceLedger(string path)
    {
        Path = path;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        FilePermissions.RestrictToOwner(path);
        Head = EvidenceChain.Genesis;
        RecoverTail();
    }

    public string Path { get; }

    public string Head { get; private set; }

    public long Count => sequence;

    /// <summary>Bytes of a torn last line cut off when the ledger was opened; 0 when the file was whole.</summary>
    public long RepairedTail { get; private set; }

    public async Task<EvidenceRecord> AppendAsync<TBody>(string kind, DateTimeOffset at, TBody body, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var seq = sequence + 1;
            var unsigned = Serialize(seq, at, kind, Head, body);
            var line = EvidenceChain.Seal(unsigned, out var hash);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            stream.Seek(0, SeekOrigin.End);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            var record = new EvidenceRecord(seq, at, kind, Head, hash);
            sequence = seq;
            Head = hash;
            return record;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Serialize<TBody>(long seq, DateTimeOffset at, string kind, string prev, TBody body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BodyOptions.Encoder }))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", seq);
            w.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("kind", kind);
            w.WriteString("prev", prev);
            w.WritePropertyName("body");
            JsonSerializer.Serialize(w, body, BodyOptions);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void RecoverTail()
    {
        stream.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16, leaveOpen: true);
        var text = reader.ReadToEnd();
        var lastNewline = text.LastIndexOf('\n');
        var wholeLength = Encoding.UTF8.GetByteCount(text.AsSpan(0, lastNewline + 1));
        if (wholeLength < stream.Length)
        {
            RepairedTail = stream.Length - wholeLength;
            stream.SetLength(wholeLength);
        }
        foreach (var line in text[..(lastNewline + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!EvidenceChain.TryOpen(line, out _, out var hash)) continue;
            sequence++;
            Head = hash;
        }
    }

    public void Dispose()
    {
        stream.Dispose();
        gate.Dispose();
    }
}
