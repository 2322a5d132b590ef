using NodaTime;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Contracts;

/// <summary>A customer contract with its value commitments.</summary>
public sealed record Contract(
    string Id,
    string Customer,
    string TimeZone,
    DateTimeOffset GoLive,
    ContractOwners Owners,
    IReadOnlyList<Clause> Clauses)
{
    /// <summary>SHA-256 of the contract's source text, recorded in the evidence ledger.</summary>
    public string SourceSha256 { get; init; } = string.Empty;

    /// <summary>Named exclusion calendars (planned maintenance) that clauses refer to.</summary>
    public IReadOnlyDictionary<string, ExclusionCalendar> Calendars { get; init; } = new Dictionary<string, ExclusionCalendar>();

    /// <summary>
    /// The escalation policy this contract chose (by name from the site, or written inline); null means the
    /// site's default.
    /// </summary>
    public EscalationPolicy? Escalation { get; init; }

    /// <summary>The policy name the contract wrote, when it chose one by name.</summary>
    public string? EscalationPolicyName { get; init; }

    /// <summary>The contract's IANA zone (validated when the contract is loaded).</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    /// <summary>The timeline of a clause whose signals were first heard at <paramref name="firstSignal"/>.</summary>
    public ContractTimeline TimelineFor(DateTimeOffset? firstSignal = null) => new(GoLive, Zone, firstSignal);

    public IEnumerable<ExclusionCalendar> CalendarsOf(Clause clause) => clause.Exclude.Select(name => Calendars[name]);
}
