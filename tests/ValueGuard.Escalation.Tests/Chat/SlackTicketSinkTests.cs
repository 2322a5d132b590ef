using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Slack;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Chat;

public sealed class SlackTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private ChatWebhookTicketSink Sink(Uri url) =>
        new(new ChatWebhookOptions { Name = "delivery-chat", Kind = "slack", UrlFile = dir.Write("slack.url", url.AbsoluteUri + "\n") }, http, SlackMessage.Serialize);

    [Fact]
    public async Task Posts_text_and_blocks_to_the_webhook_url_from_the_file()
    {
        using var receiver = new LoopbackReceiver(_ => (200, "ok"));
        var action = Actions.Of(EscalationActionKind.Escalate, level: 1);

        var remoteId = await Sink(new Uri(receiver.Url, "T0123/B0456/secretpart")).DeliverAsync(action, default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/T0123/B0456/secretpart"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["text", "blocks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[Breached] ACME-2026-017/press-availability: escalated to level 1", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().ToList();
        Assert.All(fields, f => Assert.Equal("mrkdwn", f.GetProperty("type").GetString()));
        Assert.Equal("*Target*\n&gt;= 98%", fields[2].GetProperty("text").GetString());
        Assert.Equal("*Assignee*\ndelivery-team-3", fields[7].GetProperty("text").GetString());
        Assert.Contains(new string('a', 64), blocks[2].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(action.IdempotencyKey, remoteId);
    }

    [Fact]
    public void Mrkdwn_control_characters_are_escaped()
    {
        Assert.Equal("a &amp; b &lt;c&gt;", SlackMessage.Escape("a & b <c>"));
    }

    [Fact]
    public async Task A_revoked_webhook_throws_without_showing_the_url()
    {
        using var receiver = new LoopbackReceiver(_ => (404, "no_service"));
        var url = new Uri(receiver.Url, "T0123/B0456/secretpart");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(url).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Contains("slack 'delivery-chat' answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_service", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_webhook_throws_without_showing_the_url()
    {
        Uri url;
        using (var receiver = new LoopbackReceiver(_ => (200, "ok"))) url = new Uri(receiver.Url, "T0123/B0456/secretpart");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(url).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.DoesNotContain("secretpart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_file_without_a_url_names_the_setting_and_not_its_content()
    {
        var file = dir.Write("bad.url", "xoxb-not-a-url");

        var error = Assert.Throws<InvalidOperationException>(() =>
            new ChatWebhookTicketSink(new ChatWebhookOptions { Name = "delivery-chat", Kind = "slack", UrlFile = file }, http, SlackMessage.Serialize));

        Assert.StartsWith("slack 'delivery-chat' url_file:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_url_file_is_named()
    {
        var errors = new ChatWebhookOptions { Name = "delivery-chat", Kind = "slack", UrlFile = dir.File("nope") }.Validate();

        Assert.StartsWith("slack 'delivery-chat' url_file:", Assert.Single(errors), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
