using System.Text.Json;
using ValueGuard.Core.Evidence;

namespace ValueGuard.Gateway.Reports;

/// <summary>
/// The commitment history a report needs from an evidence ledger: every transition, and the last
/// contract version loaded per contract. Lines that are not sealed records (a torn tail) are skipped;
/// the report's header says whether the chain verifies.
/// </summary>
public sealed record LedgerHistory(IReadOnlyList<LedgerTransition> Transitions, IReadOnlyDictionary<string, string> ContractVersions)
{
    public static LedgerHistory Empty { get; } = new([], new Dictionary<string, string>());

    public static LedgerHistory Read(string ledgerPath)
    {
        if (!File.Exists(ledgerPath)) return Empty;
        var transitions = new List<LedgerTransition>();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = new FileStream(ledgerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!EvidenceChain.TryOpen(line, out var unsigned, out _)) continue;
            using var doc = JsonDocument.Parse(unsigned);
            var root = doc.RootElement;
            var body = root.GetProperty("body");
            switch (root.GetProperty("kind").GetString())
            {
                case EvidenceKinds.ContractLoaded:
                    versions[body.GetProperty("contract").GetString()!] = body.GetProperty("sha256").GetString()!;
                    break;
                case EvidenceKinds.Transition:
                    transitions.Add(new LedgerTransition(root.GetProperty("at").GetDateTimeOffset(), body.GetProperty("contract").GetString()!,
                        body.GetProperty("clause").GetString()!, body.GetProperty("from").GetString()!, body.GetProperty("to").GetString()!,
                        body.GetProperty("episode").GetInt32(), body.GetProperty("escalation_level").GetInt32()));
                    break;
            }
        }
        return new LedgerHistory(transitions, versions);
    }

    /// <summary>The clause's state at an instant: the destination of its last transition before it.</summary>
    public string StateAt(string contract, string clause, DateTimeOffset at) =>
        Transitions.LastOrDefault(t => t.Contract == contract && t.Clause == clause && t.At <= at)?.To ?? "Scheduled";
}
