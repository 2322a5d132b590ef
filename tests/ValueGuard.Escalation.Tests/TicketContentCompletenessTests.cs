using System.Text;
using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.DingTalk;
using ValueGuard.Escalation.Sinks.Email;
using ValueGuard.Escalation.Sinks.Feishu;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Sinks.Salesforce;
using ValueGuard.Escalation.Sinks.ServiceNow;
using ValueGuard.Escalation.Sinks.Slack;
using ValueGuard.Escalation.Sinks.Teams;
using ValueGuard.Escalation.Sinks.WeCom;
using ValueGuard.Escalation.Sinks.Webhook;
using ValueGuard.Escalation.Tests.Jira;
using ValueGuard.Escalation.Tests.Salesforce;
using ValueGuard.Escalation.Tests.ServiceNow;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests;

/// <summary>
/// Every sink's rendering of an opened breach says everything the issue asks a ticket to say: customer, contract,
/// clause text, target vs actual, coverage, window, forecast, the link to the report and the evidence record's hash.
/// (Redmine's rendering is checked against a real Redmine in the integration tests.) Salesforce: Subject and Description.
/// </summary>
public sealed class TicketContentCompletenessTests : IDisposable
{
    private static readonly EscalationAction Opened = Actions.Of(EscalationActionKind.Open);
    private readonly TempDirectory dir = new();

    public static TheoryData<string> JsonSinks => ["webhook", "slack", "teams", "dingtalk", "feishu", "wecom", "pagerduty"];

    [Theory]
    [MemberData(nameof(JsonSinks))]
    public void A_json_sink_carries_every_fact_of_the_ticket(string sink)
    {
        var body = sink switch
        {
            "webhook" => WebhookPayload.Serialize(Opened),
            "slack" => SlackMessage.Serialize(Opened),
            "teams" => TeamsMessage.Serialize(Opened),
            "dingtalk" => DingTalkMessage.Serialize(Opened),
            "feishu" => FeishuMessage.Serialize(Opened, "secret", DateTimeOffset.UnixEpoch),
            "wecom" => WeComMessage.Serialize(Opened),
            _ => PagerDutyEvent.Serialize(Opened, "key", "gw1"),
        };

        AssertComplete(StringsOf(body));
    }

    [Fact]
    public async Task A_jira_issue_carries_every_fact_of_the_ticket()
    {
        using var jira = new FakeJira(FakeJira.AuthorizationFor("t"));
        using var http = new HttpClient();
        var sink = new JiraTicketSink(new JiraSinkOptions { Name = "jira", Url = jira.Receiver.Url, Project = "DEL", ApiTokenFile = dir.Write("jira.token", "t") }, http);

        await sink.DeliverAsync(Opened, default);

        AssertComplete(jira.Created.Single().ToJsonString() is var json ? StringsOf(Encoding.UTF8.GetBytes(json)) : "");
    }

    [Fact]
    public async Task A_ticket_file_carries_every_fact_of_the_ticket()
    {
        var sink = new FileTicketSink("files", dir.Path);

        var name = await sink.DeliverAsync(Opened, default);

        AssertComplete(await File.ReadAllTextAsync(Path.Combine(dir.Path, name)));
    }

    [Fact]
    public void An_email_carries_every_fact_of_the_ticket()
    {
        using var mail = EmailMessage.Create(Opened, new EmailSinkOptions { Name = "mail", Host = "127.0.0.1", From = "vg@acme.example", To = ["cs@acme.example"] });

        AssertComplete(mail.Subject + "\n" + mail.Body);
    }

    [Fact]
    public async Task A_servicenow_incident_carries_every_fact_of_the_ticket()
    {
        using var servicenow = new FakeServiceNow("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("vg:pw")));
        using var http = new HttpClient();
        var sink = new ServiceNowTicketSink(new ServiceNowSinkOptions { Name = "sn", Url = servicenow.Receiver.Url, User = "vg", PasswordFile = dir.Write("sn.password", "pw") }, http);

        await sink.DeliverAsync(Opened, default);

        AssertComplete(servicenow.Incidents.Single()["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_salesforce_case_carries_every_fact_of_the_ticket()
    {
        using var salesforce = new FakeSalesforce();
        using var http = new HttpClient();
        var sink = new SalesforceTicketSink(new SalesforceSinkOptions
        {
            Name = "sf", Url = salesforce.Receiver.Url, ClientId = FakeSalesforce.ClientId, ClientSecretFile = dir.Write("sf.secret", FakeSalesforce.ClientSecret),
        }, http);

        await sink.DeliverAsync(Opened, default);

        var created = salesforce.Cases.Single().Value;
        AssertComplete(created["Subject"]!.GetValue<string>() + "\n" + created["Description"]!.GetValue<string>());
    }

    private static void AssertComplete(string text)
    {
        var c = Opened.Content;
        // Slack escapes '>' in mrkdwn, so the target is checked by its number.
        foreach (var fact in new[] { c.Customer, c.ContractId, c.ClauseText, "98%", c.Actual, c.Coverage, c.Window, c.Forecast!, c.ReportUrl!, c.EvidenceHash })
            Assert.True(text.Contains(fact, StringComparison.Ordinal), $"'{fact}' is missing from:\n{text}");
    }

    /// <summary>Every string value of a JSON body, one per line, unescaped.</summary>
    private static string StringsOf(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var sb = new StringBuilder();
        Walk(doc.RootElement);
        return sb.ToString();

        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Walk(item);
                    break;
                case JsonValueKind.String:
                    sb.Append(e.GetString()).Append('\n');
                    break;
            }
        }
    }

    public void Dispose() => dir.Dispose();
}
