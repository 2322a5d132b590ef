using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Windows;

/// <summary>
/// "Over any N days": the window ending at the evaluation instant. Until the start plus the length
/// has passed, the window begins at the start (it cannot reach back before the clause applies).
/// </summary>
public sealed record RollingWindow(TimeSpan Length, WindowStart Starts) : WindowSpec
{
    public RollingWindow(TimeSpan length) : this(length, WindowStart.GoLive)
    {
    }

    public override EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline)
    {
        if (Starts.Resolve(timeline) is not { } start || at <= start) return null;
        var from = at - Length;
        return new EvaluationWindow(from < start ? start : from, at);
    }

    public override WindowStart StartRule => Starts;

    public override DateTimeOffset? EndsAt(ContractTimeline timeline) => null;

    public override string Describe() =>
        Starts == WindowStart.GoLive ? $"rolling {DurationSyntax.Format(Length)}" : $"rolling {DurationSyntax.Format(Length)} from {Starts}";
}
