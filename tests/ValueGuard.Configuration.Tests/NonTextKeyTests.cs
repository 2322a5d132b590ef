using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

/// <summary>
/// YAML lets a key be a list or a mapping (<c>? [a, b]</c>). Where the user names things (signals, calendars,
/// escalation policies) that is refused at the key with a fix, never a crash (found by the configuration fuzz tests).
/// </summary>
public class NonTextKeyTests
{
    [Fact]
    public void A_signal_named_by_a_list_is_refused_at_its_line()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.DeviceProfiles, "press-plc-json.yaml"))
            .Replace("  parts:       { field: parts, type: counter }", "  ? [parts, count]\n  : { field: parts, type: counter }", StringComparison.Ordinal);
        var line = Array.FindIndex(text.Split('\n'), l => l.StartsWith("  ? [parts", StringComparison.Ordinal)) + 1;

        var result = DeviceProfileLoader.Load("press.yaml", text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("press.yaml", line, 5), (error.File, error.Line, error.Column));
        Assert.Contains("signals: a name must be plain text", error.Message);
    }

    [Fact]
    public void A_calendar_named_by_a_mapping_is_refused_at_its_line()
    {
        const string text = """
            contract: acme-2026
            vendor: Example Machines
            customer: ACME
            timezone: Europe/Berlin
            go_live: 2026-03-01T08:00:00+01:00
            calendars:
              ? { name: maintenance }
              : [{ every: sunday, from: "02:00", to: "04:00" }]
            clauses: []
            """;

        var result = ContractLoader.Load("c.yaml", text, catalog: null);

        var error = Assert.Single(result.Errors, e => e.Message.Contains("a name must be plain text", StringComparison.Ordinal));
        Assert.Equal((7, 5), (error.Line, error.Column));
        Assert.StartsWith("calendars:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_policy_named_by_a_list_is_refused_at_its_line()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, "escalation-site.yaml"))
            .Replace("    standard:\n", "    ? [standard]\n    :\n", StringComparison.Ordinal);
        var line = Array.FindIndex(text.Split('\n'), l => l.StartsWith("    ? [standard]", StringComparison.Ordinal)) + 1;

        var result = SiteLoader.Load(Path.Combine(RepoPaths.Examples, "escalation-site.yaml"), text);

        Assert.Contains(result.Errors, e => e.Line == line && e.Column == 7 && e.Message.StartsWith("escalation policies: a name must be plain text", StringComparison.Ordinal));
    }
}
