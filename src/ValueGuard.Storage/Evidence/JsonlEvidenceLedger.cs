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
/// A damaged tail (a crash mid-write: a torn, zero-filled or not verifying last part, see <see cref="LedgerTail"/>)
/// is cut off at open, saved next to the ledger and described in <see cref="TailDamage"/>.
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

    /// <summary>Bytes of a damaged tail cut off when the ledger was opened; 0 when the file was whole.</summary>
    public long RepairedTail => TailDamage?.CutBytes ?? 0;

    /// <summary>What was cut off a damaged tail (torn, zero-filled or not verifying) at open; null when the file was whole.</summary>
    public LedgerTailDamage? TailDamage { get; private set; }

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

    public async Task<IReadOnlyList<StoredEvidence>> ReadAfterAsync(long sequence, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[] bytes;
        try
        {
            stream.Seek(0, SeekOrigin.Begin);
            bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
        var found = new List<StoredEvidence>();
        foreach (var text in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (!EvidenceChain.TryOpen(text, out var unsigned, out var hash)) continue;
            using var doc = JsonDocument.Parse(unsigned);
            var root = doc.RootElement;
            var seq = root.GetProperty("seq").GetInt64();
            if (seq <= sequence) continue;
            var record = new EvidenceRecord(seq, root.GetProperty("at").GetDateTimeOffset(), root.GetProperty("kind").GetString()!, root.GetProperty("prev").GetString()!, hash);
            found.Add(new StoredEvidence(record, root.GetProperty("body").Clone()));
        }
        return found;
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
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var lines = new List<(int Start, int Length)>();
        for (var start = 0; start < bytes.Length;)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            var end = newline < 0 ? bytes.Length : newline;
            lines.Add((start, end - start));
            start = end + 1;
        }
        var texts = lines.Select(l => Encoding.UTF8.GetString(bytes, l.Start, l.Length)).ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            var torn = i == texts.Count - 1 && bytes[^1] != (byte)'\n';
            var problem = LedgerVerifier.CheckRecord(texts[i], Head, sequence + 1, out var hash);
            if (problem is null)
            {
                sequence++;
                Head = hash;
                // The crash came between the record and its line end: the record is whole, only the end is missing.
                if (torn) stream.Write("\n"u8);
                continue;
            }
            if (torn) problem = "the last line was torn (no line end): " + problem;
            if (torn || LedgerTail.IsDamagedTail(texts, i))
            {
                CutTail(bytes, lines[i].Start, texts.Count - i, i + 1, problem);
                return;
            }
            // Damage with verifying records after it is no crash's doing: keep everything, chain on from the last record, and let verify name it.
            ChainOnAfterDamage(texts, i);
            return;
        }
    }

    private void CutTail(byte[] bytes, int from, int lineCount, long firstBadLine, string problem)
    {
        var cut = bytes.AsSpan(from);
        var saved = Path + ".damaged-" + firstBadLine.ToString(CultureInfo.InvariantCulture);
        for (var n = 2; File.Exists(saved); n++) saved = Path + ".damaged-" + firstBadLine.ToString(CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
        File.WriteAllBytes(saved, cut.ToArray());
        FilePermissions.RestrictToOwner(saved);
        TailDamage = new LedgerTailDamage(cut.Length, lineCount, firstBadLine, sequence, problem,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cut)), saved);
        stream.SetLength(from);
        stream.Flush(flushToDisk: true);
    }

    private void ChainOnAfterDamage(List<string> texts, int firstBad)
    {
        for (var i = firstBad; i < texts.Count; i++)
        {
            if (!EvidenceChain.TryOpen(texts[i], out _, out var hash)) continue;
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
