using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Windows;

/// <summary>
/// "Over any N days": the window ending at the evaluation instant. Before go-live plus the length
/// has passed, the window starts at go-live (it cannot reach back before the contract applies).
/// </summary>
public sealed record RollingWindow(TimeSpan Length) : WindowSpec
{
    public override EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline)
    {
        if (at <= timeline.GoLive) return null;
        var from = at - Length;
        return new EvaluationWindow(from < timeline.GoLive ? timeline.GoLive : from, at);
    }

    public override DateTimeOffset? EndsAt(ContractTimeline timeline) => null;

    public override string Describe() => $"rolling {DurationSyntax.Format(Length)}";
}
