using NodaTime;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Escalation;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Escalation;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class EscalationPolicyConfigTests
{
    private static string Site(string escalation) => $"""
        site: s
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        tickets:
          sinks:
            - {"{"} name: files, kind: file {"}"}
            - {"{"} name: desk, kind: file, path: desk {"}"}
        escalation:
        {escalation}
        """;

    private const string Standard = """
          default: standard
          policies:
            standard:
              remind_every: 2h
              business_hours: { days: [mon, tue, wed, thu, fri], from: "08:30", to: "18:00" }
              quiet_hours: { from: "22:00", to: "07:00" }
              levels:
                - { notify: [delivery, customer_success], sinks: [desk], priority: high }
                - { after: 4h, notify: [sales_manager], priority: urgent }
            quiet:
              levels:
                - { notify: [delivery], priority: normal }
        """;

    [Fact]
    public void Named_policies_load_with_levels_reminders_business_and_quiet_hours()
    {
        var result = SiteLoader.Load("site.yaml", Site(Standard));

        Assert.Empty(result.Errors);
        var site = result.Value!;
        Assert.Equal("standard", site.Escalation.Name);
        Assert.Equal(["quiet", "standard"], site.EscalationPolicies.Keys.Order());
        var policy = site.Escalation;
        Assert.Equal(TimeSpan.FromHours(2), policy.RemindEvery);
        Assert.Equal(new LocalTime(8, 30), policy.BusinessHours!.From);
        Assert.Equal(5, policy.BusinessHours.Days.Count);
        Assert.Equal(new LocalTime(7, 0), policy.QuietHours!.To);
        Assert.Equal([OwnerRole.Delivery, OwnerRole.CustomerSuccess], policy.Levels[0].Notify);
        Assert.Equal(["desk"], policy.Levels[0].Sinks);
        Assert.Equal((TimeSpan.FromHours(4), "urgent"), (policy.Levels[1].After, policy.Levels[1].Priority));
    }

    [Fact]
    public void The_short_form_still_gives_a_uniform_policy()
    {
        var result = SiteLoader.Load("site.yaml", Site("  { escalate_after: 2h, max_level: 3 }"));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Value!.Escalation.MaxLevel);
        Assert.Equal(TimeSpan.FromHours(2), result.Value.Escalation.Levels[3].After);
    }

    [Theory]
    [InlineData("- { notify: [boss], priority: high }", "owner role 'boss' is not known", 7)]
    [InlineData("- { notify: [delivery], sinks: [slack], priority: high }", "ticket sink 'slack' is not configured", 7)]
    [InlineData("- { notify: [delivery], priority: critical }", "priority 'critical' is not known", 7)]
    [InlineData("- { after: 1h, notify: [delivery], priority: high }", "the first level is the breach itself", 7)]
    public void Level_mistakes_are_located_at_the_value(string level, string message, int column)
    {
        var result = SiteLoader.Load("site.yaml", Site($"""
              policies:
                p:
                  levels:
                    {level}
            """));

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(12, error.Line);
        Assert.True(error.Column > column, $"column {error.Column}");
    }

    [Fact]
    public void Business_hours_that_end_before_they_start_are_refused_with_a_fix()
    {
        var result = SiteLoader.Load("site.yaml", Site("""
              policies:
                p:
                  business_hours: { days: [mon], from: "18:00", to: "08:00" }
                  levels: [{ notify: [delivery], priority: high }]
            """));

        var error = Assert.Single(result.Errors);
        Assert.Contains("'to' 08:00 is not after 'from' 18:00", error.Message);
        Assert.Equal(11, error.Line);
    }

    [Fact]
    public void A_default_that_names_no_policy_is_refused()
    {
        var result = SiteLoader.Load("site.yaml", Site("""
              default: standrad
              policies:
                standard:
                  levels: [{ notify: [delivery], priority: high }]
            """));

        var error = Assert.Single(result.Errors);
        Assert.Contains("default policy 'standrad' is not among the policies", error.Message);
        Assert.Equal((9, 12), (error.Line, error.Column));
    }

    [Fact]
    public void An_at_risk_notice_naming_a_ticket_system_is_located_in_the_site_and_in_a_contract()
    {
        var result = SiteLoader.Load("site.yaml", Site("""
              policies:
                standard:
                  at_risk: { notify: [customer_success], sinks: [desk] }
                  levels: [{ notify: [delivery], priority: high }]
            """));

        var error = Assert.Single(result.Errors);
        Assert.Contains("'desk' is a ticket system", error.Message);
        Assert.Equal((11, 54), (error.Line, error.Column));

        var site = SiteLoader.Load("site.yaml", Site(Standard)).Value!;
        var contract = ContractLoader.Load("c.yaml",
            Contract("escalation: { at_risk: { sinks: [files] }, levels: [{ notify: [delivery], priority: high }] }"), null, EscalationChoices.Of(site));
        Assert.Contains("'files' is a ticket system", Assert.Single(contract.Errors).Message);
    }

    [Fact]
    public void A_contract_chooses_a_site_policy_by_name_or_writes_one_inline()
    {
        var site = SiteLoader.Load("site.yaml", Site(Standard)).Value!;
        var choices = new EscalationChoices(site.EscalationPolicies, [.. site.TicketSinks.Select(s => s.Name)]);

        var named = ContractLoader.Load("c.yaml", Contract("escalation: quiet"), null, choices);
        var inline = ContractLoader.Load("c.yaml", Contract("escalation: { levels: [{ notify: [sales_manager], sinks: [files], priority: urgent }] }"), null, choices);

        Assert.Empty(named.Errors);
        Assert.Equal("quiet", named.Value!.Escalation!.Name);
        Assert.Empty(inline.Errors);
        Assert.Equal([OwnerRole.SalesManager], inline.Value!.Escalation!.Levels[0].Notify);
    }

    [Fact]
    public void A_contract_naming_an_unknown_policy_is_located_and_told_the_known_ones()
    {
        var site = SiteLoader.Load("site.yaml", Site(Standard)).Value!;
        var choices = new EscalationChoices(site.EscalationPolicies, [.. site.TicketSinks.Select(s => s.Name)]);

        var result = ContractLoader.Load("c.yaml", Contract("escalation: urgent-only"), null, choices);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("c.yaml", 6, 13), (error.File, error.Line, error.Column));
        Assert.Contains("quiet, standard", error.Hint);
    }

    [Fact]
    public void The_shipped_escalation_example_site_loads_with_its_contract()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "escalation-site.yaml"));

        Assert.Empty(errors);
        Assert.Equal("standard", model!.Site.Escalation.Name);
        Assert.Equal(3, model.Site.Escalation.Levels.Count);
    }

    private static string Contract(string escalation) => $"""
        contract: C-1
        customer: ACME
        timezone: Asia/Shanghai
        go_live: 2026-03-01T08:00:00+08:00
        owners: {"{"} sales: sales-east, delivery: delivery-team-3, customer_success: cs-east {"}"}
        {escalation}
        clauses:
          - id: k
            text: availability
            kpi: {"{"} kind: availability, signal: press-07/running {"}"}
            window: {"{"} rolling: 7d {"}"}
            target: ">= 98%"
        """;
}
