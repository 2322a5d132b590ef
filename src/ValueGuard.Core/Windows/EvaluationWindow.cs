namespace ValueGuard.Core.Windows;

/// <summary>A half-open time window <c>[From, To)</c> in UTC.</summary>
public readonly record struct EvaluationWindow
{
    public EvaluationWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) throw new ArgumentException($"A window cannot end ({to:O}) before it starts ({from:O}).", nameof(to));
        From = from.ToUniversalTime();
        To = to.ToUniversalTime();
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public TimeSpan Length => To - From;

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;

    public override string ToString() => $"[{From:yyyy-MM-ddTHH:mm:ssZ}, {To:yyyy-MM-ddTHH:mm:ssZ})";
}
