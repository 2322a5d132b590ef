namespace ValueGuard.Core.Windows;

/// <summary>How a clause's evaluation window is placed in time.</summary>
public abstract record WindowSpec
{
    /// <summary>
    /// The window to evaluate at <paramref name="at"/>, or null while the clause has not started.
    /// </summary>
    public abstract EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline);

    /// <summary>When the clause's obligation ends for good (a period's end), or null for open-ended windows.</summary>
    public abstract DateTimeOffset? EndsAt(ContractTimeline timeline);

    /// <summary>When the clause starts to apply.</summary>
    public abstract WindowStart StartRule { get; }

    /// <summary>A short description for reports: "rolling 30d", "90d from go-live".</summary>
    public abstract string Describe();
}
