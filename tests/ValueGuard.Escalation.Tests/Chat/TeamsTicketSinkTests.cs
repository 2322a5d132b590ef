using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Teams;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Chat;

public sealed class TeamsTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private ChatWebhookTicketSink Sink(Uri url) =>
        new(new ChatWebhookOptions { Name = "cs-channel", Kind = "teams", UrlFile = dir.Write("teams.url", url.AbsoluteUri) }, http, TeamsMessage.Serialize);

    [Fact]
    public async Task Posts_a_message_with_one_adaptive_card_attachment()
    {
        using var receiver = new LoopbackReceiver(_ => (202, ""));
        var action = Actions.Of(EscalationActionKind.Resolve);

        await Sink(new Uri(receiver.Url, "webhookb2/abc/IncomingWebhook/def")).DeliverAsync(action, default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/webhookb2/abc/IncomingWebhook/def"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        Assert.Equal(("AdaptiveCard", "1.2"), (card.GetProperty("type").GetString(), card.GetProperty("version").GetString()));
        var body = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(["TextBlock", "FactSet", "TextBlock"], body.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("[Breached] ACME-2026-017/press-availability: recovered", body[0].GetProperty("text").GetString());
        var facts = body[1].GetProperty("facts").EnumerateArray().Select(f => (f.GetProperty("title").GetString(), f.GetProperty("value").GetString())).ToList();
        Assert.Contains(("Target", ">= 98%"), facts);
        Assert.Contains(("Coverage", "100.0 %"), facts);
        Assert.Contains(new string('a', 64), body[2].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_post_throws_so_the_outbox_retries()
    {
        using var receiver = new LoopbackReceiver(_ => (429, "Microsoft Teams endpoint returned HTTP error 429"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sink(new Uri(receiver.Url, "webhookb2/abc")).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.DoesNotContain("webhookb2", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
