using System.Text;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Email;
using ValueGuard.Escalation.Sinks.Jira;
using ValueGuard.Escalation.Sinks.Salesforce;
using ValueGuard.Escalation.Sinks.ServiceNow;
using ValueGuard.Escalation.Sinks.Slack;
using ValueGuard.Escalation.Tests.Jira;
using ValueGuard.Escalation.Tests.Salesforce;
using ValueGuard.Escalation.Tests.ServiceNow;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests;

/// <summary>
/// A person's acknowledgement reaches the ticket systems as one comment (note, work note, CaseComment) saying who,
/// changes neither priority nor status, and is written once however often it is delivered.
/// </summary>
public sealed class AcknowledgementDeliveryTests : IDisposable
{
    private static readonly EscalationAction Acknowledged = Actions.Of(EscalationActionKind.Acknowledge, level: 1) with
    {
        Actor = "li.wei",
        Content = Actions.Of(EscalationActionKind.Acknowledge, level: 1).Content with { State = "Acknowledged" },
    };

    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    [Fact]
    public async Task Jira_gets_one_comment_naming_who_and_no_edit_or_transition()
    {
        using var jira = new FakeJira(FakeJira.AuthorizationFor("t"));
        var sink = new JiraTicketSink(new JiraSinkOptions { Name = "jira", Url = jira.Receiver.Url, Project = "DEL", ApiTokenFile = dir.Write("jira.token", "t") }, http);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Acknowledged, default);
        await sink.DeliverAsync(Acknowledged, default);

        var comment = Assert.Single(jira.Comments);
        Assert.Contains("acknowledged by li.wei", comment, StringComparison.Ordinal);
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#acknowledge-1", comment, StringComparison.Ordinal);
        Assert.DoesNotContain(jira.Receiver.Requests, r => r.Method == "PUT" || r.Path.EndsWith("/transitions", StringComparison.Ordinal));
        Assert.False(jira.Resolved);
    }

    [Fact]
    public async Task ServiceNow_gets_one_work_note_naming_who_and_no_state_change()
    {
        using var servicenow = new FakeServiceNow("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("vg:pw")));
        var sink = new ServiceNowTicketSink(new ServiceNowSinkOptions { Name = "sn", Url = servicenow.Receiver.Url, User = "vg", PasswordFile = dir.Write("sn.password", "pw") }, http);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Acknowledged, default);
        await sink.DeliverAsync(Acknowledged, default);

        var patch = Assert.Single(servicenow.Patches);
        Assert.Equal(["work_notes"], patch.Select(p => p.Key));
        Assert.Contains("acknowledged by li.wei", patch["work_notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", servicenow.Incidents.Single()["state"]!.GetValue<string>());
        Assert.Empty(servicenow.Problems);
    }

    [Fact]
    public async Task Salesforce_gets_one_case_comment_naming_who_and_no_case_update()
    {
        using var salesforce = new FakeSalesforce();
        var sink = new SalesforceTicketSink(new SalesforceSinkOptions
        {
            Name = "sales-cases", Url = salesforce.Receiver.Url, ClientId = FakeSalesforce.ClientId, ClientSecretFile = dir.Write("sf.secret", FakeSalesforce.ClientSecret),
        }, http);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Acknowledged, default);
        await sink.DeliverAsync(Acknowledged, default);

        var comment = Assert.Single(salesforce.Comments);
        Assert.Contains("acknowledged by li.wei", comment["CommentBody"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(salesforce.Updates);
        Assert.Empty(salesforce.Problems);
    }

    [Fact]
    public async Task A_ticket_file_gets_a_section_naming_who_and_stays_open()
    {
        var sink = new FileTicketSink("files", dir.Path);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var name = await sink.DeliverAsync(Acknowledged, default);

        var text = await File.ReadAllTextAsync(Path.Combine(dir.Path, name));
        Assert.Contains("Breach acknowledged by li.wei", text, StringComparison.Ordinal);
        Assert.Contains("Status: open", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_answers_the_episodes_thread_and_a_chat_message_names_who_or_says_acknowledged()
    {
        using var mail = EmailMessage.Create(Acknowledged, new EmailSinkOptions { Name = "mail", Host = "127.0.0.1", From = "vg@acme.example", To = ["cs@acme.example"] });

        Assert.Equal("[ValueGuard] [Acknowledged] ACME-2026-017/press-availability: acknowledged by li.wei", mail.Subject);
        Assert.Equal(EmailMessage.ThreadId(Acknowledged.Episode, "vg@acme.example"), mail.Headers["In-Reply-To"]);
        var slack = Encoding.UTF8.GetString(SlackMessage.Serialize(Acknowledged with { Actor = null }));
        Assert.Contains("acknowledged", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("acknowledged by", slack, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
