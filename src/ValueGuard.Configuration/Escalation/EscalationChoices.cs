using ValueGuard.Core.Escalation;

namespace ValueGuard.Configuration.Escalation;

/// <summary>What a contract's <c>escalation:</c> may refer to: the site's named policies and ticket sinks.</summary>
public sealed record EscalationChoices(IReadOnlyDictionary<string, EscalationPolicy> Policies, IReadOnlyCollection<string> Sinks)
{
    /// <summary>The sinks among <see cref="Sinks"/> that are ticket systems (at-risk notices may not name them).</summary>
    public IReadOnlyCollection<string> TicketSinks { get; init; } = [];

    /// <summary>The choices a site offers: its named policies and its sinks.</summary>
    public static EscalationChoices Of(Sites.SiteConfig site) =>
        new(site.EscalationPolicies, [.. site.TicketSinks.Select(s => s.Name)]) { TicketSinks = [.. site.TicketSinks.Where(s => s.OpensTickets).Select(s => s.Name)] };
}
