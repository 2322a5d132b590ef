using ValueGuard.Configuration.Sites;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.DingTalk;
using ValueGuard.Escalation.Sinks.Email;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Sinks.Slack;
using ValueGuard.Escalation.Sinks.Salesforce;
using ValueGuard.Escalation.Sinks.ServiceNow;
using ValueGuard.Escalation.Sinks.Teams;
using ValueGuard.Escalation.Sinks.WeCom;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public sealed class TicketSinkFactoryTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    [Fact]
    public void Each_vendor_kind_in_a_site_file_becomes_its_sink()
    {
        dir.Write("pd.key", "R0UT1NGKEY0123456789abcdefABCDEF\n");
        dir.Write("slack.url", "https://hooks.slack.com/services/T0/B0/x\n");
        dir.Write("teams.url", "https://example.webhook.office.com/webhookb2/x\n");
        dir.Write("dt.url", "https://oapi.dingtalk.com/robot/send?access_token=t\n");
        dir.Write("dt.secret", "SECabc\n");
        dir.Write("jira.token", "tok\n");
        dir.Write("sn.password", "pw\n");
        dir.Write("feishu.url", "https://open.feishu.cn/open-apis/bot/v2/hook/x\n");
        dir.Write("feishu.secret", "s\n");
        dir.Write("sf.secret", "s\n");
        dir.Write("wecom.url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k\n");
        var file = dir.Write("site.yaml", $"""
            site: s
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices: []
            tickets:
              sinks:
                - {"{"} name: on-call, kind: pagerduty, routing_key_file: pd.key {"}"}
                - {"{"} name: chat, kind: slack, url_file: slack.url {"}"}
                - {"{"} name: cs, kind: teams, url_file: teams.url {"}"}
                - {"{"} name: plant, kind: dingtalk, url_file: dt.url, secret_file: dt.secret {"}"}
                - {"{"} name: desk, kind: jira, url: "https://acme.atlassian.net", project: DEL, api_token_file: jira.token {"}"}
                - {"{"} name: it, kind: servicenow, url: "https://acme.service-now.com", user: vg, password_file: sn.password {"}"}
                - {"{"} name: fs, kind: feishu, url_file: feishu.url, secret_file: feishu.secret {"}"}
                - {"{"} name: wc, kind: wecom, url_file: wecom.url {"}"}
                - {"{"} name: mail, kind: email, host: mail.acme.example, from: vg@acme.example, to: [d@acme.example] {"}"}
                - {"{"} name: sf, kind: salesforce, url: "https://acme.my.salesforce.com", client_id: key, client_secret_file: sf.secret {"}"}
            """);
        var site = SiteLoader.Load(file, File.ReadAllText(file));
        Assert.Empty(site.Errors);

        var sinks = site.Value!.TicketSinks.Select(s => TicketSinkFactory.Create(s, http, TimeProvider.System)).ToList();

        Assert.IsType<PagerDutyTicketSink>(sinks[0]);
        Assert.Equal(SlackMessage.Serialize, Assert.IsType<ChatWebhookTicketSink>(sinks[1]).Format);
        Assert.Equal(TeamsMessage.Serialize, Assert.IsType<ChatWebhookTicketSink>(sinks[2]).Format);
        Assert.IsType<DingTalkTicketSink>(sinks[3]);
        Assert.IsType<JiraTicketSink>(sinks[4]);
        Assert.IsType<ServiceNowTicketSink>(sinks[5]);
        Assert.IsType<ChatWebhookTicketSink>(sinks[6]);
        Assert.Equal(WeComMessage.Serialize, Assert.IsType<ChatWebhookTicketSink>(sinks[7]).Format);
        Assert.IsType<EmailTicketSink>(sinks[8]);
        Assert.IsType<SalesforceTicketSink>(sinks[9]);
        Assert.Equal(["on-call", "chat", "cs", "plant", "desk", "it", "fs", "wc", "mail", "sf"], sinks.Select(s => s.Name));
    }

    [Fact]
    public void A_redmine_sink_gets_the_sites_status_and_priority_names_and_its_own_defaults_for_the_rest()
    {
        var config = new TicketSinkConfig("delivery", "redmine", dir.File("unused"))
        {
            Url = new Uri("https://redmine.example"), ApiKeyFile = dir.File("k"), Project = "acme",
            ResolvedStatus = "Erledigt", PriorityNames = new Dictionary<string, string> { ["high"] = "Hoch" },
        };

        var options = TicketSinkFactory.RedmineOptions(config);

        Assert.Equal(("Erledigt", "Closed", TimeSpan.FromSeconds(15)), (options.ResolvedStatus, options.ClosedStatus, options.Timeout));
        Assert.Equal("Hoch", options.PriorityNames["high"]);
    }

    [Fact]
    public void A_missing_credential_file_stops_start_up_with_the_setting_named()
    {
        var config = new TicketSinkConfig("on-call", "pagerduty", dir.File("unused")) { RoutingKeyFile = dir.File("absent.key") };

        var error = Assert.Throws<InvalidOperationException>(() => TicketSinkFactory.Create(config, http, TimeProvider.System));

        Assert.Contains("pagerduty 'on-call' routing_key_file:", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
