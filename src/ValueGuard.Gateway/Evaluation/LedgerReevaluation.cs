using System.Globalization;
using System.Text.Json;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// Recomputes every KPI result recorded in the evidence ledger from the raw samples in the store, over
/// the recorded window, and compares value, sample count and inputs digest: the customer's check that the
/// vendor's numbers come from the data. Records made under a contract version other than the site's are
/// counted as skipped, not as matches. Lost time counts as the gateway saw it: from the data-loss records
/// before each result.
/// </summary>
public static class LedgerReevaluation
{
    public static async Task<VerdictCheck> RunAsync(string ledgerPath, SiteModel site, ITimeSeriesStore store, CancellationToken ct)
    {
        var lost = new LostTime();
        var calculator = new ClauseCalculator(store, site.Catalog, lost: lost);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        long line = 0, checkedCount = 0, skipped = 0;
        foreach (var text in File.ReadLines(ledgerPath))
        {
            line++;
            if (!EvidenceChain.TryOpen(text, out var unsigned, out _)) return new(checkedCount, skipped, line, "the line is not a sealed ledger record");
            using var doc = JsonDocument.Parse(unsigned);
            var kind = doc.RootElement.GetProperty("kind").GetString();
            var body = doc.RootElement.GetProperty("body");
            if (kind == EvidenceKinds.ContractLoaded)
            {
                versions[body.GetProperty("contract").GetString()!] = body.GetProperty("sha256").GetString()!;
                continue;
            }
            if (kind == EvidenceKinds.DataLoss && SampleLossEvidence.TryRead(body) is { } loss)
            {
                lost.Add(loss);
                continue;
            }
            if (kind != EvidenceKinds.Transition || body.GetProperty("kpi").ValueKind != JsonValueKind.Object) continue;

            var contractId = body.GetProperty("contract").GetString()!;
            var clauseId = body.GetProperty("clause").GetString()!;
            var contract = site.Contracts.FirstOrDefault(c => c.Id == contractId);
            // A record made under another contract version (e.g. before a reload removed its clause) is not checked.
            if (contract is not null && versions.GetValueOrDefault(contractId) != contract.SourceSha256)
            {
                skipped++;
                continue;
            }
            var clause = contract?.Clauses.FirstOrDefault(c => c.Id.Value == clauseId);
            if (contract is null || clause is null) return new(checkedCount, skipped, line, $"clause {contractId}/{clauseId} is not in the site's contracts");

            var kpi = body.GetProperty("kpi");
            var window = new EvaluationWindow(kpi.GetProperty("window_from").GetDateTimeOffset(), kpi.GetProperty("window_to").GetDateTimeOffset());
            var recomputed = await calculator.ComputeOverAsync(contract, clause, window, ct).ConfigureAwait(false);
            var recordedValue = kpi.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
            var recordedDigest = kpi.GetProperty("inputs_sha256").GetString();
            var recordedSamples = kpi.GetProperty("samples").GetInt32();
            checkedCount++;
            if (recomputed.InputsSha256 != recordedDigest || recomputed.SampleCount != recordedSamples || !SameValue(recomputed.Value, recordedValue))
            {
                return new(checkedCount, skipped, line, string.Create(CultureInfo.InvariantCulture,
                    $"{contractId}/{clauseId} over {window}: recorded {Show(recordedValue)} from {recordedSamples} samples (inputs {recordedDigest?[..12]}…), the raw data gives {Show(recomputed.Value)} from {recomputed.SampleCount} samples (inputs {recomputed.InputsSha256[..12]}…)"));
            }
        }
        return new(checkedCount, skipped, null, null);
    }

    private static bool SameValue(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || a.Equals(b);

    private static string Show(double v) => double.IsNaN(v) ? "no value" : v.ToString("R", CultureInfo.InvariantCulture);
}
