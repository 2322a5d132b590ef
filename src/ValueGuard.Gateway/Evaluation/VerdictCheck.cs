namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// The outcome of re-evaluating a ledger's recorded verdicts from the raw data: how many were checked,
/// how many could not be (recorded under another contract version), and the first that differs.
/// </summary>
public sealed record VerdictCheck(long Checked, long Skipped, long? FirstDifferingLine, string? Problem)
{
    public bool AllMatch => FirstDifferingLine is null;
}
