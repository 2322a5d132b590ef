using System.Text;
using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.WeCom;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Chat;

public sealed class WeComTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private ChatWebhookTicketSink Sink(LoopbackReceiver receiver) => new(new ChatWebhookOptions
    {
        Name = "plant-wecom",
        Kind = "wecom",
        UrlFile = dir.Write("wecom.url", new Uri(receiver.Url, "cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4").AbsoluteUri + "\n"),
    }, http, WeComMessage.Serialize, ChatRobotAnswer.Refusal);

    [Fact]
    public async Task Posts_a_markdown_message_to_the_robot_url_with_its_key()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/cgi-bin/webhook/send", "?key=693a91f6-7xxx-4bc4"), (request.Method, request.Path, request.Query));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["msgtype", "markdown"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        var markdown = json.RootElement.GetProperty("markdown");
        Assert.Equal(["content"], markdown.EnumerateObject().Select(p => p.Name));
        var content = markdown.GetProperty("content").GetString()!;
        Assert.StartsWith("### [Breached] ACME-2026-017/press-availability: escalated to level 1\n> Customer: ACME Precision Parts\n", content, StringComparison.Ordinal);
        Assert.Contains("> Actual: <font color=\"warning\">97.761%</font>\n", content, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), content, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(content) <= 4096);
    }

    [Fact]
    public async Task A_refusal_in_a_200_answer_throws_with_the_errcode()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"errcode":93000,"errmsg":"invalid webhook url"}"""));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal("wecom 'plant-wecom' refused the message: errcode 93000, invalid webhook url", error.Message);
        Assert.DoesNotContain("693a91f6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_longer_than_4096_bytes_is_cut_on_a_character_boundary()
    {
        var text = new string('x', 4093) + "压力机压力机";

        var cut = WeComMessage.Cut(text);

        Assert.Equal(new string('x', 4093) + "…", cut);
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= WeComMessage.MaxContentBytes);
        Assert.Equal("short", WeComMessage.Cut("short"));
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
