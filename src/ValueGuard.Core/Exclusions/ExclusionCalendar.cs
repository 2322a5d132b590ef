using NodaTime;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Exclusions;

/// <summary>A named calendar of time a clause does not count, such as <c>planned-maintenance</c>.</summary>
public sealed record ExclusionCalendar(string Name, IReadOnlyList<ExclusionRule> Rules)
{
    /// <summary>The excluded time inside <paramref name="window"/>, merged and clipped to it.</summary>
    public static IntervalSet Resolve(IEnumerable<ExclusionCalendar> calendars, EvaluationWindow window, DateTimeZone zone) =>
        new(calendars.SelectMany(c => c.Rules).SelectMany(r => r.Within(window, zone))
            .Select(i => new TimeInterval(i.From > window.From ? i.From : window.From, i.To < window.To ? i.To : window.To)));
}
