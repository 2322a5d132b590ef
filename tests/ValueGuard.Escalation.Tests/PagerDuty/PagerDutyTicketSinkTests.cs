using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.PagerDuty;

public sealed class PagerDutyTicketSinkTests : IDisposable
{
    private const string RoutingKey = "R0UT1NGKEY0123456789abcdefABCDEF";
    private const string Accepted = """{"status":"success","message":"Event processed","dedup_key":"ACME-2026-017/press-availability/1"}""";
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private PagerDutyTicketSink Sink(LoopbackReceiver receiver) => new(new PagerDutySinkOptions
    {
        Name = "on-call", Url = new Uri(receiver.Url, "v2/enqueue"), RoutingKeyFile = dir.Write("pd.key", RoutingKey + "\n"), Source = "acme-plant-gw1",
    }, http);

    [Fact]
    public async Task Opening_a_breach_triggers_an_alert_in_the_events_v2_format()
    {
        using var receiver = new LoopbackReceiver(_ => (202, Accepted));

        var remoteId = await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/v2/enqueue"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["routing_key", "event_action", "dedup_key", "payload", "links"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RoutingKey, root.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", root.GetProperty("event_action").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", root.GetProperty("dedup_key").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal(
            "ACME Precision Parts ACME-2026-017/press-availability Breached: Press-07 availability is at least 98 % (target >= 98%, actual 97.761%, level 0)",
            payload.GetProperty("summary").GetString());
        Assert.Equal("acme-plant-gw1", payload.GetProperty("source").GetString());
        Assert.Equal("error", payload.GetProperty("severity").GetString());
        Assert.Equal("2026-03-12T04:00:00Z", payload.GetProperty("timestamp").GetString());
        Assert.Equal("press-availability", payload.GetProperty("component").GetString());
        Assert.Equal("ACME-2026-017", payload.GetProperty("group").GetString());
        Assert.Equal(new string('a', 64), payload.GetProperty("custom_details").GetProperty("evidence_hash").GetString());
        Assert.Equal(Actions.Forecast, payload.GetProperty("custom_details").GetProperty("forecast").GetString());
        var link = Assert.Single(root.GetProperty("links").EnumerateArray());
        Assert.Equal("https://reports.acme.example/valueguard/ACME-2026-017/press-availability", link.GetProperty("href").GetString());
        Assert.Equal("Compliance report", link.GetProperty("text").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", remoteId);
    }

    [Fact]
    public async Task Escalating_triggers_the_same_alert_again_with_a_higher_severity()
    {
        using var receiver = new LoopbackReceiver(_ => (202, Accepted));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal("trigger", json.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", json.RootElement.GetProperty("dedup_key").GetString());
        Assert.Equal("critical", json.RootElement.GetProperty("payload").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_persons_acknowledgement_acknowledges_the_alert_by_its_dedup_key_alone()
    {
        using var receiver = new LoopbackReceiver(_ => (202, Accepted));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Acknowledge, level: 1) with { Actor = "li.wei" }, default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/v2/enqueue"), (request.Method, request.Path));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["routing_key", "event_action", "dedup_key"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RoutingKey, json.RootElement.GetProperty("routing_key").GetString());
        Assert.Equal("acknowledge", json.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", json.RootElement.GetProperty("dedup_key").GetString());
    }

    [Theory]
    [InlineData(EscalationActionKind.Resolve)]
    [InlineData(EscalationActionKind.Close)]
    public async Task Recovery_and_the_period_close_resolve_the_alert_by_its_dedup_key_alone(EscalationActionKind kind)
    {
        using var receiver = new LoopbackReceiver(_ => (202, Accepted));

        await Sink(receiver).DeliverAsync(Actions.Of(kind), default);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal(["routing_key", "event_action", "dedup_key"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("resolve", json.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", json.RootElement.GetProperty("dedup_key").GetString());
    }

    [Fact]
    public async Task A_rejected_event_throws_with_the_sink_name_and_never_the_routing_key()
    {
        using var receiver = new LoopbackReceiver(_ => (400, """{"status":"invalid event","message":"Event object is invalid","errors":["'payload.severity' is invalid"]}"""));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Contains("pagerduty 'on-call' answered 400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RoutingKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_name_each_bad_setting()
    {
        var errors = new PagerDutySinkOptions { Name = "on-call", Url = new Uri("ftp://x/"), RoutingKeyFile = dir.File("missing.key"), Source = " " }.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("pagerduty 'on-call' url:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("pagerduty 'on-call' routing_key_file:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("pagerduty 'on-call' source:", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("immediate", "critical")]
    [InlineData("urgent", "critical")]
    [InlineData("high", "error")]
    [InlineData("normal", "warning")]
    [InlineData("low", "info")]
    public void Ticket_priorities_map_to_pagerduty_severities(string priority, string severity) =>
        Assert.Equal(severity, PagerDutyEvent.SeverityFor(priority));

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
