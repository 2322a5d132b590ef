namespace ValueGuard.EdgeHub.Methods;

/// <summary>Runs an evaluation round now, for the <c>evaluateNow</c> direct method, and returns the clauses' states after it.</summary>
public interface IEvaluationTrigger
{
    Task<IReadOnlyList<ClauseStatusSummary>> EvaluateNowAsync(CancellationToken ct);
}
