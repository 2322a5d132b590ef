using System.Text.Json;
using ValueGuard.Core.Evidence;

namespace ValueGuard.Storage.Evidence;

/// <summary>Recomputes a ledger's hash chain from the file, record by record.</summary>
public static class LedgerVerifier
{
    public static LedgerVerification Verify(string path)
    {
        var prev = EvidenceChain.Genesis;
        long lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (CheckRecord(line, prev, lineNo, out var hash) is { } problem)
            {
                var rest = File.ReadLines(path).Skip((int)(lineNo - 1)).ToList();
                if (LedgerTail.IsDamagedTail(rest, 0))
                    problem = $"the ledger's tail is damaged from this line on ({rest.Count} line(s); {problem}): "
                        + "a crash mid-write leaves this; the gateway cuts it at its next start and records a ledger-damage record";
                return new(false, lineNo - 1, prev, lineNo, problem);
            }
            prev = hash;
        }
        return new(true, lineNo, prev, null, null);
    }

    /// <summary>
    /// Checks one stored line as record number <paramref name="expectedSeq"/> following <paramref name="prev"/>:
    /// null when it verifies (its hash in <paramref name="hash"/>), else what is wrong with it.
    /// </summary>
    public static string? CheckRecord(string line, string prev, long expectedSeq, out string hash)
    {
        hash = string.Empty;
        if (!EvidenceChain.TryOpen(line, out var unsigned, out var claimed))
            return "the line is not a sealed ledger record";
        var actual = EvidenceChain.HashOf(unsigned);
        if (actual != claimed)
            return $"the record's content does not match its hash (stored {claimed}, computed {actual})";
        long seq;
        string? recordPrev;
        try
        {
            using var doc = JsonDocument.Parse(unsigned);
            seq = doc.RootElement.GetProperty("seq").GetInt64();
            recordPrev = doc.RootElement.GetProperty("prev").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "the record is not valid JSON with seq and prev";
        }
        if (recordPrev != prev)
            return "the record does not link to the one before it (a record was removed or reordered)";
        if (seq != expectedSeq)
            return $"sequence {seq} where {expectedSeq} was expected (a record was removed)";
        hash = claimed;
        return null;
    }
}
