namespace ValueGuard.Core.Quantities;

/// <summary>
/// A condition on a KPI value as a contract writes it: <c>"&lt;= 2h"</c>, <c>"&gt;= 99.95%"</c>, <c>"&lt; 3"</c>, <c>"&gt; 1h30m"</c>.
/// </summary>
public readonly record struct Threshold(Comparison Comparison, Quantity Bound)
{
    public const string Hint = "write a comparison and a value, for example \"<= 2h\", \">= 99.95%\", \"< 3\" or \"> 1h30m\"; durations use d, h, m, s";

    public bool IsSatisfiedBy(double value) => !double.IsNaN(value) && Comparison switch
    {
        Comparison.LessThan => value < Bound.Value,
        Comparison.LessOrEqual => value <= Bound.Value,
        Comparison.GreaterThan => value > Bound.Value,
        Comparison.GreaterOrEqual => value >= Bound.Value,
        _ => false,
    };

    public static bool TryParse(string? text, out Threshold threshold, out string error)
    {
        threshold = default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the threshold is empty";
            return false;
        }
        var t = text.Trim();
        (Comparison cmp, int length) = t switch
        {
            _ when t.StartsWith("<=", StringComparison.Ordinal) => (Comparison.LessOrEqual, 2),
            _ when t.StartsWith(">=", StringComparison.Ordinal) => (Comparison.GreaterOrEqual, 2),
            _ when t.StartsWith('<') => (Comparison.LessThan, 1),
            _ when t.StartsWith('>') => (Comparison.GreaterThan, 1),
            _ => (default(Comparison), 0),
        };
        if (length == 0)
        {
            error = $"'{t}' does not start with <, <=, > or >=";
            return false;
        }
        var rest = t[length..].Trim();
        if (!Quantity.TryParse(rest, out var bound))
        {
            error = $"'{rest}' is not a number, a percentage or a duration";
            return false;
        }
        threshold = new Threshold(cmp, bound);
        return true;
    }

    public static Threshold Parse(string text) =>
        TryParse(text, out var t, out var error) ? t : throw new FormatException($"{error}: {Hint}.");

    public override string ToString()
    {
        var op = Comparison switch
        {
            Comparison.LessThan => "<",
            Comparison.LessOrEqual => "<=",
            Comparison.GreaterThan => ">",
            _ => ">=",
        };
        return $"{op} {Bound}";
    }
}
