using System.Text.Json;
using ValueGuard.Core.Evidence;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>Reads the lost time recorded in an evidence ledger (data-loss records that name signals).</summary>
public static class LostTimeLedger
{
    /// <summary>Every lost span the ledger holds; empty when the file does not exist.</summary>
    public static LostTime Load(string ledgerPath)
    {
        var lost = new LostTime();
        if (!File.Exists(ledgerPath)) return lost;
        foreach (var line in ReadShared(ledgerPath))
        {
            if (!EvidenceChain.TryOpen(line, out var unsigned, out _)) continue;
            if (TryRead(unsigned) is { } notice) lost.Add(notice);
        }
        return lost;
    }

    /// <summary>The sample loss in one record's JSON text, or null when it is another kind of record.</summary>
    public static DataLossNotice? TryRead(string unsignedJson)
    {
        using var doc = JsonDocument.Parse(unsignedJson);
        if (doc.RootElement.GetProperty("kind").GetString() != EvidenceKinds.DataLoss) return null;
        return SampleLossEvidence.TryRead(doc.RootElement.GetProperty("body"));
    }

    // The gateway may hold the ledger open for appending.
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line) yield return line;
    }
}
