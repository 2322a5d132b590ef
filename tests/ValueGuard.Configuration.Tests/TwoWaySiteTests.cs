using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

/// <summary>A ticket sink's <c>two_way</c> section and the site's <c>reports.base_url</c>.</summary>
public class TwoWaySiteTests
{
    private static string Site(string sinks, string extra = "") => $"""
        site: s
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        {extra}
        tickets:
          sinks:
        {sinks}
        """;

    [Fact]
    public void Redmine_jira_and_pagerduty_sinks_read_their_two_way_settings()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: desk, kind: redmine, url: "https://redmine.example", api_key_file: k, project: acme, two_way: { poll_every: 2m, statuses: [In Progress, Resolved] } }
                - { name: jira, kind: jira, url: "https://acme.atlassian.net", project: DEL, api_token_file: t, two_way: {} }
                - { name: on-call, kind: pagerduty, routing_key_file: r, two_way: { poll_every: 30s, api_token_file: secrets/pd-api.token, api_url: "https://api.eu.pagerduty.com/" } }
                - { name: files, kind: file }
            """));

        Assert.Empty(result.Errors);
        var sinks = result.Value!.TicketSinks;
        Assert.Equal(TimeSpan.FromMinutes(2), sinks[0].TwoWay!.PollEvery);
        Assert.Equal(["In Progress", "Resolved"], sinks[0].TwoWay!.Statuses);
        Assert.Equal(TwoWayConfig.DefaultPollEvery, sinks[1].TwoWay!.PollEvery);
        Assert.Equal((TimeSpan.FromSeconds(30), "/etc/valueguard/secrets/pd-api.token", new Uri("https://api.eu.pagerduty.com/")),
            (sinks[2].TwoWay!.PollEvery, sinks[2].TwoWay!.ApiTokenFile, sinks[2].TwoWay!.ApiUrl));
        Assert.Null(sinks[3].TwoWay);
    }

    [Theory]
    [InlineData("""    - { kind: slack, url_file: u, two_way: { poll_every: 1m } }""", "a slack sink cannot be read back")]
    [InlineData("""    - { kind: pagerduty, routing_key_file: r, two_way: { poll_every: 1m } }""", "'api_token_file' is missing")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k, project: p, two_way: { poll_every: 100ms } }""", "too short")]
    [InlineData("""    - { kind: jira, url: "https://j.example", project: DEL, api_token_file: t, two_way: { statuses: [Done] } }""", "unknown key 'statuses'")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k, project: p, two_way: 1m }""", "is not a mapping")]
    public void Two_way_mistakes_are_named_with_a_fix(string sink, string expected)
    {
        var result = SiteLoader.Load("site.yaml", Site(sink));

        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_base_url_gets_a_trailing_slash()
    {
        var result = SiteLoader.Load("site.yaml", Site("    - { kind: file }", "reports: { base_url: \"https://reports.acme.example/vg\" }"));

        Assert.Empty(result.Errors);
        Assert.Equal(new Uri("https://reports.acme.example/vg/"), result.Value!.ReportsBaseUrl);
    }

    [Fact]
    public void A_reports_base_url_that_is_not_http_is_refused()
    {
        var result = SiteLoader.Load("site.yaml", Site("    - { kind: file }", "reports: { base_url: \"file:///srv/reports\" }"));

        Assert.Contains(result.Errors, e => e.Message.Contains("is not an HTTP URL", StringComparison.Ordinal));
    }
}
