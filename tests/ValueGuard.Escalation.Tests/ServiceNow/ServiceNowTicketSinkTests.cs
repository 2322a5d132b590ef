using System.Text;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.ServiceNow;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.ServiceNow;

public sealed class ServiceNowTicketSinkTests : IDisposable
{
    private const string Password = "s3cr3t-pa55";
    private static readonly string Basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("valueguard.integration:" + Password));
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly FakeServiceNow servicenow = new(Basic);

    private ServiceNowTicketSink Sink() => new(new ServiceNowSinkOptions
    {
        Name = "it-incidents",
        Url = servicenow.Receiver.Url,
        User = "valueguard.integration",
        PasswordFile = dir.Write("sn.password", Password + "\n"),
        AssignmentGroup = "Delivery Team 3",
    }, http);

    [Fact]
    public async Task Open_creates_one_incident_keyed_by_correlation_id_with_basic_auth()
    {
        var number = await Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("INC0010001", number);
        var requests = servicenow.Receiver.Requests.ToList();
        Assert.Equal([("GET", "/hooks/valueguard/api/now/table/incident"), ("POST", "/hooks/valueguard/api/now/table/incident")], requests.Select(r => (r.Method, r.Path)));
        Assert.Equal("?sysparm_query=correlation_id%3DACME-2026-017%2Fpress-availability%2F1&sysparm_fields=sys_id,number,state&sysparm_limit=1", requests[0].Query);
        var incident = Assert.Single(servicenow.Incidents);
        Assert.Equal("ACME-2026-017/press-availability/1", incident["correlation_id"]!.GetValue<string>());
        Assert.Equal("ValueGuard", incident["correlation_display"]!.GetValue<string>());
        Assert.Equal("Breach of ACME-2026-017 / press-availability (episode 1)", incident["short_description"]!.GetValue<string>());
        Assert.Equal(("2", "1"), (incident["impact"]!.GetValue<string>(), incident["urgency"]!.GetValue<string>()));
        Assert.Equal("Delivery Team 3", incident["assignment_group"]!.GetValue<string>());
        Assert.Contains("Target: >= 98%", incident["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#open-0", incident["work_notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(servicenow.Problems);
    }

    [Fact]
    public async Task Delivering_open_again_finds_the_incident_and_creates_none()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var again = await new ServiceNowTicketSink(new ServiceNowSinkOptions { Name = "it-incidents", Url = servicenow.Receiver.Url, User = "valueguard.integration", PasswordFile = dir.File("sn.password") }, http)
            .DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("INC0010001", again);
        Assert.Single(servicenow.Incidents);
    }

    [Fact]
    public async Task Escalation_raises_impact_and_urgency_with_a_work_note_in_one_patch_once()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        var patch = Assert.Single(servicenow.Patches);
        Assert.Equal(["work_notes", "impact", "urgency"], patch.Select(p => p.Key));
        Assert.Equal(("1", "1"), (patch["impact"]!.GetValue<string>(), patch["urgency"]!.GetValue<string>()));
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#escalate-1", patch["work_notes"]!.GetValue<string>(), StringComparison.Ordinal);
        var read = servicenow.Receiver.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith(servicenow.Incidents[0]["sys_id"]!.GetValue<string>(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, read.Count);
        Assert.All(read, r => Assert.Equal("?sysparm_fields=work_notes&sysparm_display_value=true", r.Query));
        Assert.Empty(servicenow.Problems);
    }

    [Fact]
    public async Task Resolve_sets_state_resolved_with_close_code_and_notes()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var number = await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.Equal("INC0010001", number);
        var patch = Assert.Single(servicenow.Patches);
        Assert.Equal(["work_notes", "state", "close_code", "close_notes"], patch.Select(p => p.Key));
        Assert.Equal(("6", "Solved (Permanently)"), (patch["state"]!.GetValue<string>(), patch["close_code"]!.GetValue<string>()));
        Assert.Equal("[Breached] ACME-2026-017/press-availability: recovered", patch["close_notes"]!.GetValue<string>());
        Assert.Equal("6", servicenow.Incidents[0]["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oauth_token_is_sent_as_bearer()
    {
        using var bearer = new FakeServiceNow("Bearer tok-abc.def");
        var sink = new ServiceNowTicketSink(new ServiceNowSinkOptions { Name = "it", Url = bearer.Receiver.Url, ApiTokenFile = dir.Write("sn.token", "tok-abc.def\n") }, http);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Single(bearer.Incidents);
    }

    [Fact]
    public async Task A_refused_sign_in_throws_without_the_password()
    {
        using var other = new FakeServiceNow("Basic somebody-else");
        var sink = new ServiceNowTicketSink(new ServiceNowSinkOptions { Name = "it", Url = other.Receiver.Url, User = "valueguard.integration", PasswordFile = dir.Write("p", Password) }, http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.StartsWith("servicenow 'it' GET /api/now/table/incident answered 401", error.Message.Replace("/hooks/valueguard", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_before_the_open_throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Sink().DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default));

        Assert.Contains("no incident with correlation_id ACME-2026-017/press-availability/1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_need_exactly_one_way_to_sign_in()
    {
        var both = new ServiceNowSinkOptions { Name = "it", Url = new Uri("https://acme.service-now.com"), User = "u", PasswordFile = dir.Write("p", "x"), ApiTokenFile = dir.Write("t", "y") }.Validate();
        var none = new ServiceNowSinkOptions { Name = "it", Url = new Uri("https://acme.service-now.com") }.Validate();

        Assert.Contains(both, e => e.Contains("either with user and password_file or with api_token_file", StringComparison.Ordinal));
        Assert.Contains(none, e => e.Contains("either with user and password_file or with api_token_file", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        servicenow.Dispose();
        http.Dispose();
        dir.Dispose();
    }
}
