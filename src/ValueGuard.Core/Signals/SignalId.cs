namespace ValueGuard.Core.Signals;

/// <summary>Names one signal of one device, written <c>device/signal</c> (for example <c>press-07/running</c>).</summary>
public readonly record struct SignalId(string Device, string Signal) : IComparable<SignalId>
{
    public static bool TryParse(string? text, out SignalId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0) return false;
        id = new SignalId(text[..slash], text[(slash + 1)..]);
        return true;
    }

    public static SignalId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a signal id; write it as device/signal.");

    public int CompareTo(SignalId other)
    {
        var byDevice = string.CompareOrdinal(Device, other.Device);
        return byDevice != 0 ? byDevice : string.CompareOrdinal(Signal, other.Signal);
    }

    public override string ToString() => $"{Device}/{Signal}";
}
