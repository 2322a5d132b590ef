using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

/// <summary>A site with the shipped profiles and a contract, written to a temporary folder.</summary>
internal static class Fixtures
{
    public static string Site(TempDirectory dir, string contractFile = "contract.yaml") => dir.Write("site.yaml", $"""
        site: test-plant
        device_profiles: [{RepoPaths.DeviceProfiles}]
        contracts: [{contractFile}]
        devices:
          - {"{"} id: press-07, profile: press-plc-json {"}"}
          - {"{"} id: mes-gw, profile: mes-api-gateway-json {"}"}
        """);

    /// <summary>Three mistakes: a mistyped key (line 9), a threshold in words (line 10), an unknown signal (line 13).</summary>
    public const string ContractWithThreeMistakes = """
        contract: ACME-2026-017
        customer: ACME Precision Parts
        timezone: Asia/Shanghai
        go_live: 2026-03-01T08:00:00+08:00
        clauses:
          - id: downtime-first-90d
            text: Unplanned downtime of press-07 is at most 2 h within 90 days of go-live
            kpi: { kind: downtime, signal: press-07/running, down_when: false }
            windwo: { period: { from: go_live, length: 90d } }
            target: "<= 2 hours"
          - id: mes-api-success
            text: MES API success rate at least 99.95 % over any 30 days
            kpi: { kind: ratio, good: mes-gw/api_okay, total: mes-gw/api_total }
            window: { rolling: 30d }
            target: ">= 99.95%"
        """;
}
