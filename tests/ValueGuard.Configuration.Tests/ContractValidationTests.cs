using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Windows;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class ContractValidationTests
{
    [Fact]
    public void Three_mistakes_give_three_errors_each_with_line_column_and_hint()
    {
        var contract = Path.Combine(RepoPaths.Examples, "mistakes", "contract-with-mistakes.yaml");

        var report = ConfigurationValidator.Validate([contract]);

        Assert.Equal(3, report.Errors.Count);
        Assert.Collection(report.Errors,
            e => { Assert.Equal((12, 5), (e.Line, e.Column)); Assert.Contains("'windwo'", e.Message); Assert.Contains("'window'", e.Hint); },
            e => { Assert.Equal((13, 13), (e.Line, e.Column)); Assert.Contains("2 hours", e.Message); Assert.Contains("<= 2h", e.Hint); },
            e => { Assert.Equal((16, 31), (e.Line, e.Column)); Assert.Contains("mes-gw/api_okay", e.Message); Assert.Contains("mes-gw/api_ok", e.Hint); });
        Assert.All(report.Errors, e => Assert.Equal(contract, e.File));
    }

    [Fact]
    public void Error_text_reads_file_line_column()
    {
        var error = new Errors.ConfigError("c.yaml", 3, 7, "bad", "fix it");

        Assert.Equal("c.yaml:3:7: error: bad (hint: fix it)", error.ToString());
    }

    [Fact]
    public void The_shipped_example_site_and_contract_are_valid()
    {
        var report = ConfigurationValidator.Validate([
            Path.Combine(RepoPaths.Examples, "site.yaml"),
            Path.Combine(RepoPaths.Examples, "acme-2026.yaml"),
            .. Directory.GetFiles(RepoPaths.DeviceProfiles, "*.yaml")]);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void The_example_contract_loads_into_the_domain_model()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));

        Assert.Empty(errors);
        var contract = Assert.Single(model!.Contracts);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), contract.GoLive);
        Assert.IsType<AvailabilityKpi>(contract.Clauses[0].Kpi);
        Assert.Equal(new PeriodWindow(TimeSpan.FromDays(30)), contract.Clauses[0].Window);
        Assert.IsType<CounterRatioKpi>(contract.Clauses[1].Kpi);
        Assert.Equal(0.9, contract.Clauses[1].MinCoverage, 9);
        Assert.Equal(64, contract.SourceSha256.Length);
    }

    [Fact]
    public void A_threshold_in_the_wrong_unit_is_an_error()
    {
        const string text = """
            contract: C-1
            customer: X
            timezone: Europe/Berlin
            go_live: 2026-03-01T00:00:00Z
            clauses:
              - id: a
                text: t
                kpi: { kind: downtime, signal: press-07/running }
                window: { rolling: 30d }
                target: ">= 99%"
            """;

        var result = ContractLoader.Load("c.yaml", text, catalog: null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(10, error.Line);
        Assert.Contains("duration", error.Message);
    }

    [Fact]
    public void Unknown_time_zone_and_instant_without_offset_are_errors()
    {
        const string text = """
            contract: C-1
            customer: X
            timezone: Mars/Olympus
            go_live: 2026-03-01T00:00:00
            clauses: []
            """;

        var result = ContractLoader.Load("c.yaml", text, catalog: null);

        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Broken_yaml_is_reported_at_its_place()
    {
        var result = ContractLoader.Load("c.yaml", "contract: C-1\n  customer: [unclosed\n", catalog: null);

        var error = Assert.Single(result.Errors);
        Assert.Contains("not valid YAML", error.Message);
        Assert.True(error.Line >= 1);
    }
}
