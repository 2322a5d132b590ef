using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Windows;

/// <summary>
/// "Within 90 days of go-live": one fixed period. Before its end the window runs from the start
/// to the evaluation instant (the result so far); after it, the whole period.
/// </summary>
public sealed record PeriodWindow(TimeSpan Length) : WindowSpec
{
    public override EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline)
    {
        var start = timeline.GoLive;
        if (at <= start) return null;
        var end = start + Length;
        return new EvaluationWindow(start, at < end ? at : end);
    }

    public override DateTimeOffset? EndsAt(ContractTimeline timeline) => timeline.GoLive + Length;

    public override string Describe() => $"{DurationSyntax.Format(Length)} from go-live";
}
