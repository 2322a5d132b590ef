using ValueGuard.Core.Commitments;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Tests;

internal static class Actions
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 12, 4, 0, 0, TimeSpan.Zero);

    public static EscalationAction Of(EscalationActionKind kind, int level = 0, int episode = 1, string clause = "press-availability") =>
        new(new BreachEpisodeId("ACME-2026-017", clause, episode), kind, level, T0.AddHours(level * 4),
            new TicketContent("ACME Precision Parts", "ACME-2026-017", clause, "Press-07 availability is at least 98 %",
                ">= 98%", "97.761%", "100.0 %", "[2026-03-01T00:00:00Z, 2026-03-12T04:00:00Z)", "Breached",
                EscalationPlanner.PriorityFor(kind, level), "delivery-team-3", new string('a', 64))
            {
                Forecast = Forecast,
                ReportUrl = $"https://reports.acme.example/valueguard/ACME-2026-017/{clause}",
            });

    public const string Forecast = "the error budget burns 14.4x too fast over the last 1h (15x over 5m); rule: 14.4x";
}
