using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class TicketSinkConfigTests
{
    private static string Site(string sinks) => $"""
        site: s
        device_profiles: [{RepoPaths.DeviceProfiles}]
        devices: []
        tickets:
          sinks:
        {sinks}
        """;

    [Fact]
    public void Webhook_and_redmine_sinks_load_with_their_secret_files_resolved_next_to_the_site()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: cs, kind: webhook, url: "https://hooks.example/vg", secret_file: secrets/hook }
                - { name: delivery, kind: redmine, url: "https://redmine.example", api_key_file: /run/secrets/redmine, project: acme }
            """));

        Assert.Empty(result.Errors);
        var (hook, redmine) = (result.Value!.TicketSinks[0], result.Value.TicketSinks[1]);
        Assert.Equal(("webhook", "/etc/valueguard/secrets/hook"), (hook.Kind, hook.SecretFile));
        Assert.Equal(("redmine", "/run/secrets/redmine", "acme"), (redmine.Kind, redmine.ApiKeyFile, redmine.Project));
    }

    [Fact]
    public void A_redmine_sink_takes_its_status_names_priority_names_and_timeout_from_the_site()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - name: delivery
                  kind: redmine
                  url: "https://redmine.example"
                  api_key_file: /run/secrets/redmine
                  project: acme
                  resolved_status: Erledigt
                  closed_status: Abgewiesen
                  priority_names: { high: Hoch, urgent: Dringend }
                  timeout: 30s
            """));

        Assert.Empty(result.Errors);
        var redmine = Assert.Single(result.Value!.TicketSinks);
        Assert.Equal(("Erledigt", "Abgewiesen", TimeSpan.FromSeconds(30)), (redmine.ResolvedStatus, redmine.ClosedStatus, redmine.Timeout));
        Assert.Equal(new Dictionary<string, string> { ["high"] = "Hoch", ["urgent"] = "Dringend" }, redmine.PriorityNames);
    }

    [Fact]
    public void Pagerduty_and_chat_sinks_load_with_their_credential_files_resolved_next_to_the_site()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: on-call, kind: pagerduty, routing_key_file: secrets/pd.key, source: acme-gw1 }
                - { name: chat, kind: slack, url_file: secrets/slack.url }
                - { name: cs, kind: teams, url_file: /run/secrets/teams.url }
                - { name: plant, kind: dingtalk, url_file: secrets/dt.url, secret_file: secrets/dt.secret }
                - { name: desk, kind: jira, url: "https://acme.atlassian.net", project: DEL, api_token_file: secrets/jira.token, user: vg@acme.example }
            """));

        Assert.Empty(result.Errors);
        var sinks = result.Value!.TicketSinks;
        Assert.Equal(("pagerduty", "/etc/valueguard/secrets/pd.key", "acme-gw1", (Uri?)null), (sinks[0].Kind, sinks[0].RoutingKeyFile, sinks[0].Source, sinks[0].Url));
        Assert.Equal(("slack", "/etc/valueguard/secrets/slack.url"), (sinks[1].Kind, sinks[1].UrlFile));
        Assert.Equal(("teams", "/run/secrets/teams.url"), (sinks[2].Kind, sinks[2].UrlFile));
        Assert.Equal(("dingtalk", "/etc/valueguard/secrets/dt.url", "/etc/valueguard/secrets/dt.secret"), (sinks[3].Kind, sinks[3].UrlFile, sinks[3].SecretFile));
        Assert.Equal(("jira", "DEL", "/etc/valueguard/secrets/jira.token", "vg@acme.example", (string?)null), (sinks[4].Kind, sinks[4].Project, sinks[4].ApiTokenFile, sinks[4].User, sinks[4].IssueType));
    }

    [Fact]
    public void Servicenow_salesforce_and_chinese_robot_sinks_load_with_their_files_resolved_next_to_the_site()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: it, kind: servicenow, url: "https://acme.service-now.com", user: vg, password_file: secrets/sn.pw, assignment_group: Delivery, close_code: Workaround }
                - { name: it2, kind: servicenow, url: "https://acme.service-now.com", api_token_file: secrets/sn.token }
                - { name: sf, kind: salesforce, url: "https://acme.my.salesforce.com", client_id: 3MVG9, client_secret_file: secrets/sf.secret, external_id_field: Episode__c, close_status: Solved }
                - { name: fs, kind: feishu, url_file: secrets/fs.url }
                - { name: wc, kind: wecom, url_file: secrets/wc.url }
            """));

        Assert.Empty(result.Errors);
        var s = result.Value!.TicketSinks;
        Assert.Equal(("vg", "/etc/valueguard/secrets/sn.pw", (string?)null, "Delivery", "Workaround"), (s[0].User, s[0].PasswordFile, s[0].ApiTokenFile, s[0].AssignmentGroup, s[0].CloseCode));
        Assert.Equal(((string?)null, "/etc/valueguard/secrets/sn.token"), (s[1].User, s[1].ApiTokenFile));
        Assert.Equal(("3MVG9", "/etc/valueguard/secrets/sf.secret", "Episode__c", "Solved", (string?)null), (s[2].ClientId, s[2].ClientSecretFile, s[2].ExternalIdField, s[2].CloseStatus, s[2].ApiVersion));
        Assert.Equal(("/etc/valueguard/secrets/fs.url", (string?)null), (s[3].UrlFile, s[3].SecretFile));
        Assert.Equal("/etc/valueguard/secrets/wc.url", s[4].UrlFile);
    }

    [Fact]
    public void An_email_sink_loads_its_relay_sender_and_recipients()
    {
        var result = SiteLoader.Load("/etc/valueguard/site.yaml", Site("""
                - { name: mail, kind: email, host: mail.acme.example, user: vg, password_file: secrets/smtp.pw, from: "ValueGuard <vg@acme.example>", to: [a@acme.example, b@acme.example] }
                - { name: relay, kind: email, host: 10.0.0.5, port: 25, starttls: false, from: vg@acme.example, to: c@acme.example }
            """));

        Assert.Empty(result.Errors);
        var (mail, relay) = (result.Value!.TicketSinks[0].Smtp!, result.Value.TicketSinks[1].Smtp!);
        Assert.Equal(("mail.acme.example", 587, true, "vg", "/etc/valueguard/secrets/smtp.pw", "ValueGuard <vg@acme.example>"), (mail.Host, mail.Port, mail.StartTls, mail.User, mail.PasswordFile, mail.From));
        Assert.Equal(["a@acme.example", "b@acme.example"], mail.To);
        Assert.Equal(("10.0.0.5", 25, false, (string?)null), (relay.Host, relay.Port, relay.StartTls, relay.User));
        Assert.Equal(["c@acme.example"], relay.To);
    }

    [Theory]
    [InlineData("""    - { kind: webhook, url: "https://hooks.example/vg" }""", "'secret_file' is missing")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k }""", "'project' is missing")]
    [InlineData("""    - { kind: servicenoww, url: "https://j.example" }""", "use file, webhook, redmine, jira, servicenow, salesforce, pagerduty, slack, teams, dingtalk, feishu, wecom or email")]
    [InlineData("""    - { kind: servicenow, url: "https://j.example" }""", "servicenow signs in either with user and password_file (basic auth) or with api_token_file")]
    [InlineData("""    - { kind: servicenow, url: "https://j.example", user: u, password_file: p, api_token_file: t }""", "servicenow signs in either with user and password_file")]
    [InlineData("""    - { kind: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" }""", "is a credential and does not belong in the site file")]
    [InlineData("""    - { kind: feishu }""", "'url_file' is missing")]
    [InlineData("""    - { kind: email, host: h, from: vg@acme.example }""", "'to' is missing")]
    [InlineData("""    - { kind: email, host: h, from: vg@acme.example, to: [not-an-address] }""", "is not an e-mail address")]
    [InlineData("""    - { kind: email, host: h, port: 99999, from: vg@acme.example, to: [a@b.c] }""", "is not a TCP port")]
    [InlineData("""    - { kind: email, host: h, starttls: maybe, from: vg@acme.example, to: [a@b.c] }""", "is not true or false")]
    [InlineData("""    - { kind: email, host: h, user: u, from: vg@acme.example, to: [a@b.c] }""", "user and password_file go together")]
    [InlineData("""    - { kind: email, host: h, user: u, password_file: p, starttls: false, from: vg@acme.example, to: [a@b.c] }""", "would send the password in clear")]
    [InlineData("""    - { kind: salesforce, url: "https://acme.my.salesforce.com", client_id: k }""", "'client_secret_file' is missing")]
    [InlineData("""    - { kind: jira, url: "https://j.example", project: DEL }""", "'api_token_file' is missing")]
    [InlineData("""    - { kind: pagerduty }""", "'routing_key_file' is missing")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k, project: p, priority_names: { hihg: Hoch } }""", "use normal, high, urgent or immediate")]
    [InlineData("""    - { kind: redmine, url: "https://r.example", api_key_file: k, project: p, timeout: soon }""", "is not a duration")]
    [InlineData("""    - { kind: pagerduty, url: "mailto:x", routing_key_file: k }""", "not an HTTP URL")]
    [InlineData("""    - { kind: slack, url: "https://hooks.slack.com/services/T/B/x" }""", "is a credential and does not belong in the site file")]
    [InlineData("""    - { kind: teams }""", "'url_file' is missing")]
    [InlineData("""    - { kind: dingtalk, url_file: d.url }""", "'secret_file' is missing")]
    [InlineData("""    - { kind: webhook, url: "ftp://x", secret_file: s }""", "not an HTTP URL")]
    [InlineData("""    - { name: desk, kind: redmine, url: "https://r.example", api_key_file: k, project: p, close_status: Closed }""",
        "ticket sink 'desk' (redmine): unknown key 'close_status' did you mean 'closed_status'?")]
    [InlineData("""    - { kind: jira, url: "https://j.example", project: DEL, api_token_file: t, timeout: 30s }""",
        "ticket sink 'jira' (jira): unknown key 'timeout' known keys here: name, kind, two_way, url, project, api_token_file, user, issue_type, resolve_transition")]
    [InlineData("""    - { kind: webhook, url: "https://hooks.example/vg", secret_file: s, project: p }""", "(webhook): unknown key 'project'")]
    [InlineData("""    - { kind: salesforce, url: "https://acme.my.salesforce.com", client_id: k, client_secret_file: s, closed_status: Closed }""",
        "(salesforce): unknown key 'closed_status' did you mean 'close_status'?")]
    [InlineData("""    - { kind: file, url: "https://x.example" }""", "(file): unknown key 'url'")]
    [InlineData("""    - { kind: pagerduty, routing_key_file: k, priority_names: { high: P1 } }""", "(pagerduty): unknown key 'priority_names'")]
    public void Sink_mistakes_are_located(string sink, string message)
    {
        var result = SiteLoader.Load("site.yaml", Site(sink));

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message + " " + error.Hint);
        Assert.Equal(6, error.Line);
    }
}
