using ValueGuard.Core.Evidence;
using ValueGuard.Core.Storage;
using ValueGuard.Gateway.Evaluation;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Puts every loss into the evidence ledger (kind data-loss) and into the lost time the evaluator reads, so
/// the next evaluation already counts the lost span as unknown.
/// </summary>
public sealed class LedgerDataLossRecorder(IEvidenceLedger ledger, LostTime lostTime) : IDataLossRecorder
{
    public async Task RecordAsync(DataLossNotice notice, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ledger.AppendAsync(EvidenceKinds.DataLoss, at, SampleLossEvidence.Of(notice), cancellationToken).ConfigureAwait(false);
        lostTime.Add(notice);
    }
}
