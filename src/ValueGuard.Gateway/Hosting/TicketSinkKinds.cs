namespace ValueGuard.Gateway.Hosting;

/// <summary>Which sink kinds are ticket systems (one ticket per breach episode) and which only carry notices.</summary>
public static class TicketSinkKinds
{
    /// <summary>Kinds that keep a ticket per episode; at-risk notices never go to them (a notice is not a ticket).</summary>
    public static IReadOnlySet<string> Tickets => ValueGuard.Configuration.Sites.TicketSinkConfig.TicketKinds;

    /// <summary>Whether a sink of this kind keeps tickets; every other kind (webhook, chat, e-mail) takes notices.</summary>
    public static bool OpensTickets(string kind) => Tickets.Contains(kind);
}
