using System.Globalization;
using ValueGuard.Core.Quantities;

namespace ValueGuard.Core.Windows;

/// <summary>
/// When a clause starts to apply, as a contract writes it: <c>go_live</c>, <c>first_signal + 72h</c>,
/// <c>go_live + 1d</c> or an instant such as <c>2026-04-01T00:00:00+08:00</c>.
/// </summary>
public sealed record WindowStart(WindowAnchor Anchor, TimeSpan Offset, DateTimeOffset? At = null)
{
    public static readonly WindowStart GoLive = new(WindowAnchor.GoLive, TimeSpan.Zero);

    public const string Hint = "write go_live, first_signal, either plus a duration (first_signal + 72h), or an instant with offset";

    /// <summary>The start instant, or null while it cannot be known (no signal yet).</summary>
    public DateTimeOffset? Resolve(ContractTimeline timeline) => Anchor switch
    {
        WindowAnchor.GoLive => timeline.GoLive + Offset,
        WindowAnchor.FirstSignal => timeline.FirstSignal + Offset,
        _ => At,
    };

    public static bool TryParse(string? text, out WindowStart start)
    {
        start = GoLive;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && t.Contains('T', StringComparison.Ordinal))
        {
            start = new WindowStart(WindowAnchor.Instant, TimeSpan.Zero, instant.ToUniversalTime());
            return true;
        }
        var plus = t.IndexOf('+', StringComparison.Ordinal);
        var head = (plus < 0 ? t : t[..plus]).Trim();
        var offset = TimeSpan.Zero;
        if (plus >= 0 && !DurationSyntax.TryParse(t[(plus + 1)..].Trim(), out offset)) return false;
        WindowAnchor? anchor = head switch
        {
            "go_live" => WindowAnchor.GoLive,
            "first_signal" => WindowAnchor.FirstSignal,
            _ => null,
        };
        if (anchor is null) return false;
        start = new WindowStart(anchor.Value, offset);
        return true;
    }

    public override string ToString()
    {
        var name = Anchor switch
        {
            WindowAnchor.GoLive => "go-live",
            WindowAnchor.FirstSignal => "first signal",
            _ => At!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        return Offset == TimeSpan.Zero ? name : $"{name} + {DurationSyntax.Format(Offset)}";
    }
}
