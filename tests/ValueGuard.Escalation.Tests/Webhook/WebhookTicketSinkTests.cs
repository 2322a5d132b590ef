using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Outbox;
using ValueGuard.Escalation.Sinks.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Webhook;

public sealed class WebhookTicketSinkTests : IDisposable
{
    private const string Secret = "whsec-test-3f9a";
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly ManualClock clock = new(Actions.T0.AddMinutes(3));

    private WebhookTicketSink Sink(Uri url) =>
        new(new WebhookSinkOptions { Name = "crm", Url = url, SecretFile = dir.Write("webhook.secret", Secret + "\n") }, http, clock);

    [Fact]
    public async Task Posts_snake_case_json_signed_with_the_documented_recipe()
    {
        using var receiver = new LoopbackReceiver(_ => (202, ""));
        var action = Actions.Of(EscalationActionKind.Escalate, level: 1);

        await Sink(receiver.Url).DeliverAsync(action, default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/valueguard/", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(action.IdempotencyKey, request.Headers["Idempotency-Key"]);
        Assert.Equal(clock.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["X-ValueGuard-Timestamp"]);

        // The recipe in docs/webhook.md, written out independently of WebhookSignature.
        var signed = Encoding.UTF8.GetBytes(request.Headers["X-ValueGuard-Timestamp"] + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed)).ToLowerInvariant();
        Assert.Equal(expected, request.Headers["X-ValueGuard-Signature"]);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("ACME-2026-017/press-availability/1#escalate-1", root.GetProperty("idempotency_key").GetString());
        Assert.Equal("escalate", root.GetProperty("kind").GetString());
        Assert.Equal(1, root.GetProperty("level").GetInt32());
        Assert.Equal("2026-03-12T08:00:00Z", root.GetProperty("at").GetString());
        Assert.Equal("ACME-2026-017/press-availability/1", root.GetProperty("episode").GetProperty("id").GetString());
        Assert.Equal(1, root.GetProperty("episode").GetProperty("number").GetInt32());
        var ticket = root.GetProperty("ticket");
        Assert.Equal("urgent", ticket.GetProperty("priority").GetString());
        Assert.Equal("Press-07 availability is at least 98 %", ticket.GetProperty("clause_text").GetString());
        Assert.Equal("delivery-team-3", ticket.GetProperty("assignee").GetString());
        Assert.Equal(new string('a', 64), ticket.GetProperty("evidence_hash").GetString());
        Assert.Equal(
            ["customer", "contract_id", "clause_id", "clause_text", "target", "actual", "coverage", "window", "state", "priority", "assignee", "watchers", "forecast", "report_url", "evidence_hash"],
            ticket.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_receiver_can_verify_the_request_it_got()
    {
        using var receiver = new LoopbackReceiver(_ => (200, ""));

        await Sink(receiver.Url).DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookVerification.Valid, WebhookSignature.Verify(Encoding.UTF8.GetBytes(Secret), request.Headers["X-ValueGuard-Timestamp"],
            request.Body, request.Headers["X-ValueGuard-Signature"], clock.Now.AddSeconds(30)));
    }

    [Fact]
    public async Task The_remote_id_is_the_id_in_the_answer_or_else_the_idempotency_key()
    {
        using var receiver = new LoopbackReceiver(n => n == 1 ? (201, """{"id": 4711, "status": "created"}""") : (200, "ok"));
        var sink = Sink(receiver.Url);
        var open = Actions.Of(EscalationActionKind.Open);
        var escalate = Actions.Of(EscalationActionKind.Escalate, 1);

        Assert.Equal("4711", await sink.DeliverAsync(open, default));
        Assert.Equal(escalate.IdempotencyKey, await sink.DeliverAsync(escalate, default));
    }

    [Fact]
    public async Task A_non_2xx_answer_leaves_the_action_pending_in_the_outbox_and_a_retry_delivers_it()
    {
        using var receiver = new LoopbackReceiver(n => n == 1 ? (503, "maintenance") : (200, """{"id":"T-9"}"""));
        using var outbox = new EscalationOutbox(dir.File("outbox.db"));
        var dispatcher = new EscalationDispatcher(outbox, [Sink(receiver.Url)], clock, NullLogger<EscalationDispatcher>.Instance);
        await outbox.EnqueueAsync(Actions.Of(EscalationActionKind.Open), ["crm"], default);

        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        var failed = Assert.Single(await outbox.PendingAsync(default));
        Assert.Contains("503", failed.LastError, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        Assert.Equal("T-9", Assert.Single(await outbox.AllAsync(default)).RemoteId);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("ACME-2026-017/press-availability/1#open-0", r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_receiver_that_is_down_makes_delivery_throw()
    {
        Uri url;
        using (var receiver = new LoopbackReceiver(_ => (200, ""))) url = receiver.Url;

        await Assert.ThrowsAsync<HttpRequestException>(() => Sink(url).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_makes_delivery_throw()
    {
        using var slow = new HttpClient(new StallingHandler());
        var sink = new WebhookTicketSink(new WebhookSinkOptions
        {
            Name = "crm", Url = new Uri("http://127.0.0.1:9/"), SecretFile = dir.Write("s", Secret), Timeout = TimeSpan.FromMilliseconds(100),
        }, slow, clock);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default));
        Assert.Contains("crm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_contain_the_secret()
    {
        var empty = dir.Write("empty.secret", "\n");
        var error = Assert.Throws<InvalidOperationException>(() =>
            new WebhookTicketSink(new WebhookSinkOptions { Name = "crm", Url = new Uri("https://example.invalid/"), SecretFile = empty }, http, clock));
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    private sealed class StallingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
