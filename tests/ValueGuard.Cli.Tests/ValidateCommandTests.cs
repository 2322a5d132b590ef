using ValueGuard.Testing;

namespace ValueGuard.Cli.Tests;

public class ValidateCommandTests
{
    private const string Contract = """
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

    [Fact]
    public async Task Validate_prints_three_located_errors_and_exits_1()
    {
        using var dir = new TempDirectory();
        var site = dir.Write("site.yaml", $"""
            site: test
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
              - {"{"} id: mes-gw, profile: mes-api-gateway-json {"}"}
            """);
        var contract = dir.Write("contract.yaml", Contract);

        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "validate", site, contract);

        Assert.Equal(1, run.ExitCode);
        var errors = run.Stdout.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{contract}:9:5", $"{contract}:10:13", $"{contract}:13:31"], errors.Select(e => e[..e.IndexOf(": error", StringComparison.Ordinal)]));
        Assert.All(errors, e => Assert.Contains("(hint: ", e));
    }

    [Fact]
    public async Task Validate_exits_0_on_the_shipped_examples()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "validate",
            Path.Combine(RepoPaths.Examples, "site.yaml"), Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("OK: 2 file(s) valid", run.Stdout);
    }

    [Fact]
    public async Task Version_is_printed()
    {
        var run = await CliProcess.RunAsync(TimeSpan.FromSeconds(30), "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Stdout.Trim());
    }
}
