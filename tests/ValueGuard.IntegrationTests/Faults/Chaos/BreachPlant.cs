using System.Globalization;
using System.Text.Json;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// Presses p00, p01, … whose breaches come one after another: press i runs (a sample every 5 s) until
/// <c>start + i × spacing</c> and stands still after, so its clause "availability ≥ 99 % over any 10 minutes"
/// breaches about 6 s later. Each clause escalates 5 s after its breach, so tickets are opened and updated
/// throughout a run. The contract id is new per plant, so its Redmine issues are its own.
/// </summary>
internal sealed class BreachPlant(int presses, DateTimeOffset start, TimeSpan spacing)
{
    public string ContractId { get; } = "CHAOS-" + Guid.NewGuid().ToString("N")[..10];

    public int Presses => presses;

    public static string Clause(int press) => $"p{press:00}-availability";

    public string Devices =>
        string.Concat(Enumerable.Range(0, presses).Select(p => $"  - {{ id: p{p:00}, profile: press-plc-json }}\n"));

    public string Contract
    {
        get
        {
            var yaml = new System.Text.StringBuilder();
            yaml.Append(CultureInfo.InvariantCulture, $"""
                contract: {ContractId}
                customer: Chaos Parts
                timezone: UTC
                go_live: {start.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}
                owners: {"{"} sales: sales-east, delivery: delivery-team-3, customer_success: cs-east {"}"}
                escalation:
                  levels:
                    - {"{"} notify: [delivery], priority: high {"}"}
                    - {"{"} after: 5s, notify: [delivery, sales_manager], priority: urgent {"}"}
                clauses:

                """);
            for (var p = 0; p < presses; p++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"""
                      - id: {Clause(p)}
                        text: Press p{p:00} is available at least 99 % over any 10 minutes
                        kpi: {"{"} kind: availability, signal: p{p:00}/running {"}"}
                        window: {"{"} rolling: 10m {"}"}
                        target: ">= 99%"

                    """);
            }
            return yaml.ToString();
        }
    }

    /// <summary>The presses' running signal from 20 minutes before the start to 10 minutes after.</summary>
    public IReadOnlyList<Sample> History() =>
    [
        .. from p in Enumerable.Range(0, presses)
           from t in Enumerable.Range(-240, 360)
           let at = start.AddSeconds(t * 5)
           select new Sample(new SignalId($"p{p:00}", "running"), at, at < start + spacing * p ? 1 : 0),
    ];

    /// <summary>The breach episodes a ledger recorded: (clause, episode) of every transition into Breached.</summary>
    public static IReadOnlyList<(string Clause, int Episode)> BreachesIn(string ledger) =>
    [
        .. File.ReadLines(ledger).Where(l => EvidenceChain.TryOpen(l, out _, out _) && l.Contains("\"kind\":\"transition\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body"))
            .Where(b => b.GetProperty("to").GetString() == "Breached")
            .Select(b => (b.GetProperty("clause").GetString()!, b.GetProperty("episode").GetInt32())),
    ];
}
