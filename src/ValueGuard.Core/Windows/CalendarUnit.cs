namespace ValueGuard.Core.Windows;

/// <summary>A calendar period in the contract's time zone. Weeks start on Monday (ISO 8601).</summary>
public enum CalendarUnit
{
    Day,
    Week,
    Month,
    Quarter,
}
