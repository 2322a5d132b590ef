using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Windows;

/// <summary>
/// "Within 90 days of go-live": one fixed period from a start, with a length or an end instant.
/// Before its end the window runs from the start to the evaluation instant (the result so far);
/// after it, the whole period.
/// </summary>
public sealed record PeriodWindow(WindowStart Starts, TimeSpan? Length, DateTimeOffset? End = null) : WindowSpec
{
    public PeriodWindow(TimeSpan length) : this(WindowStart.GoLive, length)
    {
    }

    public override EvaluationWindow? Resolve(DateTimeOffset at, ContractTimeline timeline)
    {
        if (Starts.Resolve(timeline) is not { } start || at <= start) return null;
        var end = EndOf(start);
        return new EvaluationWindow(start, at < end ? at : end);
    }

    public override WindowStart StartRule => Starts;

    public override DateTimeOffset? EndsAt(ContractTimeline timeline) => Starts.Resolve(timeline) is { } start ? EndOf(start) : null;

    private DateTimeOffset EndOf(DateTimeOffset start) => End ?? start + Length!.Value;

    public override string Describe() => End is { } end
        ? $"from {Starts} to {end:yyyy-MM-ddTHH:mm:ssZ}"
        : $"{DurationSyntax.Format(Length!.Value)} from {Starts}";
}
