namespace ValueGuard.Core.Escalation;

/// <summary>
/// What a policy does when a clause enters AtRisk: a notice (not a ticket) to the owners of <see cref="Notify"/> on
/// <see cref="Sinks"/>, once per entry. <see cref="Sinks"/> null means every notification sink (chat, webhook, e-mail);
/// empty means none. Ticket systems never get it.
/// </summary>
public sealed record AtRiskNotice(IReadOnlyList<OwnerRole> Notify, IReadOnlyList<string>? Sinks)
{
    /// <summary>The default: customer success, on every notification sink.</summary>
    public static readonly AtRiskNotice CustomerSuccess = new([OwnerRole.CustomerSuccess], null);
}
