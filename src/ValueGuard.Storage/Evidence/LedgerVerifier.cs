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
        long expectedSeq = 1;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (!EvidenceChain.TryOpen(line, out var unsigned, out var claimed))
                return new(false, lineNo - 1, prev, lineNo, "the line is not a sealed ledger record");
            var actual = EvidenceChain.HashOf(unsigned);
            if (actual != claimed)
                return new(false, lineNo - 1, prev, lineNo, $"the record's content does not match its hash (stored {claimed[..12]}…, computed {actual[..12]}…)");
            long seq;
            string? recordPrev;
            try
            {
                using var doc = JsonDocument.Parse(unsigned);
                seq = doc.RootElement.GetProperty("seq").GetInt64();
                recordPrev = doc.RootElement.GetProperty("prev").GetString();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return new(false, lineNo - 1, prev, lineNo, "the record is not valid JSON with seq and prev");
            }
            if (recordPrev != prev)
                return new(false, lineNo - 1, prev, lineNo, "the record does not link to the one before it (a record was removed or reordered)");
            if (seq != expectedSeq)
                return new(false, lineNo - 1, prev, lineNo, $"sequence {seq} where {expectedSeq} was expected (a record was removed)");
            prev = claimed;
            expectedSeq++;
        }
        return new(true, lineNo, prev, null, null);
    }
}
