using System.Globalization;

namespace ValueGuard.Ingest.Serial.Ascii;

/// <summary>
/// Which decoded field feeds which signal, and how its text becomes a number: a fixed text from
/// <see cref="Values"/> (<c>S</c> → 1), or a decimal number; then <c>number × Scale + Offset</c>.
/// </summary>
public sealed record AsciiField(string Field, string Signal)
{
    public double Scale { get; init; } = 1;

    public double Offset { get; init; }

    public IReadOnlyDictionary<string, double>? Values { get; init; }

    /// <summary>The engineering value of <paramref name="text"/>, or false when the text is neither a known value nor a number.</summary>
    public bool TryConvert(string text, out double value)
    {
        var trimmed = text.Trim();
        if (Values?.TryGetValue(trimmed, out var known) == true) value = known;
        else if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value)) return false;
        value = value * Scale + Offset;
        return true;
    }
}
