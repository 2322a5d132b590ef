namespace ValueGuard.Core.Quantities;

/// <summary>What a KPI value or a threshold bound measures.</summary>
public enum QuantityUnit
{
    /// <summary>A plain number (a count, a temperature).</summary>
    Number,
    /// <summary>A share, held as a ratio 0..1 and written as a percentage.</summary>
    Percent,
    /// <summary>A length of time, held in seconds.</summary>
    Duration,
}
