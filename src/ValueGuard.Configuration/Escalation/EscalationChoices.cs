using ValueGuard.Core.Escalation;

namespace ValueGuard.Configuration.Escalation;

/// <summary>What a contract's <c>escalation:</c> may refer to: the site's named policies and ticket sinks.</summary>
public sealed record EscalationChoices(IReadOnlyDictionary<string, EscalationPolicy> Policies, IReadOnlyCollection<string> Sinks);
