using ValueGuard.Configuration.Contracts;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Quantities;

namespace ValueGuard.Configuration.Tests;

public class HysteresisConfigTests
{
    private const string Header = """
        contract: C-1
        customer: ACME
        timezone: UTC
        go_live: 2026-03-01T00:00:00Z
        clauses:

        """;

    private static string Clause(string extra) =>
        $"  - {{ id: a, text: t, kpi: {{ kind: ratio, good: mes-gw/api_ok, total: mes-gw/api_total }}, window: {{ rolling: 7d }}, target: \">= 99.5%\", {extra} }}\n";

    [Fact]
    public void Clear_and_flapping_load_into_the_clause()
    {
        var result = ContractLoader.Load("c.yaml", Header + Clause("warn: \"< 99.7%\", clear: \">= 99.8%\", flapping: { changes: 4, within: 2h }"), null);

        Assert.Empty(result.Errors);
        var clause = result.Value!.Clauses[0];
        Assert.Equal(Threshold.Parse(">= 99.8%"), clause.Clear);
        Assert.Equal(new FlappingRule(4, TimeSpan.FromHours(2)), clause.Flapping);
    }

    [Theory]
    [InlineData("warn: \"< 99.7%\", clear: \">= 99.6%\"", "overlaps warn")]      // a value of 99.65 % would be both
    [InlineData("warn: \"< 99.7%\", clear: \"<= 99.9%\"", "overlaps warn")]      // clears on the wrong side
    [InlineData("clear: \">= 99.8%\"", "needs a 'warn'")]
    [InlineData("warn: \"< 99.7%\", flapping: { changes: 0 }", "at least 1")]
    [InlineData("warn: \"< 99.7%\", flapping: { within: 0s }", "positive duration")]
    public void A_clear_level_that_cannot_work_is_an_error_on_its_line(string extra, string message)
    {
        var result = ContractLoader.Load("c.yaml", Header + Clause(extra), null);

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(6, error.Line);
    }
}
