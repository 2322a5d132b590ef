using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks;
using ValueGuard.Escalation.Sinks.Feishu;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Chat;

public sealed class FeishuTicketSinkTests : IDisposable
{
    private const string Secret = "qBp7cT2xR9vLm4Wz8yHk1d";
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly ManualClock clock = new(Actions.T0.AddMilliseconds(987));

    private ChatWebhookTicketSink Sink(LoopbackReceiver receiver, bool signed = true) => FeishuSink.Create(new FeishuSinkOptions
    {
        Name = "plant-feishu",
        UrlFile = dir.Write("feishu.url", new Uri(receiver.Url, "open-apis/bot/v2/hook/0f3c1d2e-5a7b").AbsoluteUri + "\n"),
        SecretFile = signed ? dir.Write("feishu.secret", Secret + "\n") : null,
    }, http, clock);

    [Fact]
    public async Task Signs_the_body_with_a_timestamp_and_sign_that_a_receiver_can_recompute()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"code":0,"data":{},"msg":"success"}"""));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/open-apis/bot/v2/hook/0f3c1d2e-5a7b", ""), (request.Method, request.Path, request.Query));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["timestamp", "sign", "msg_type", "card"], root.EnumerateObject().Select(p => p.Name));
        var timestamp = root.GetProperty("timestamp").GetString()!;
        Assert.Equal(clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);

        // Feishu's published recipe, written out independently: the string to sign is the HMAC key, the message is empty.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(timestamp + "\n" + Secret));
        Assert.Equal(Convert.ToBase64String(hmac.ComputeHash([])), root.GetProperty("sign").GetString());
    }

    [Fact]
    public async Task Sends_an_interactive_card_with_header_facts_and_evidence_note()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"code":0,"data":{},"msg":"success"}"""));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal("interactive", json.RootElement.GetProperty("msg_type").GetString());
        var card = json.RootElement.GetProperty("card");
        Assert.Equal("plain_text", card.GetProperty("header").GetProperty("title").GetProperty("tag").GetString());
        Assert.Equal("[Breached] ACME-2026-017/press-availability: escalated to level 1", card.GetProperty("header").GetProperty("title").GetProperty("content").GetString());
        Assert.Equal("red", card.GetProperty("header").GetProperty("template").GetString());
        var elements = card.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["div", "note"], elements.Select(e => e.GetProperty("tag").GetString()));
        var fields = elements[0].GetProperty("fields").EnumerateArray().ToList();
        Assert.All(fields, f => Assert.Equal("lark_md", f.GetProperty("text").GetProperty("tag").GetString()));
        Assert.Equal("**Target**\n>= 98%", fields[2].GetProperty("text").GetProperty("content").GetString());
        Assert.False(fields[1].GetProperty("is_short").GetBoolean());
        Assert.Contains(new string('a', 64), elements[1].GetProperty("elements")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_secret_the_body_carries_no_timestamp_or_sign()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"StatusCode":0,"StatusMessage":"success"}"""));

        await Sink(receiver, signed: false).DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal(["msg_type", "card"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("green", json.RootElement.GetProperty("card").GetProperty("header").GetProperty("template").GetString());
    }

    [Fact]
    public async Task A_refusal_in_a_200_answer_throws_with_the_code()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"}"""));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal("feishu 'plant-feishu' refused the message: code 19021, sign match fail or timestamp is not within one hour from current time", error.Message);
        Assert.DoesNotContain("0f3c1d2e", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_matches_a_value_computed_by_the_python_recipe()
    {
        // python3: b64encode(hmac.new(b"1700000000\ndemo-secret", b"", hashlib.sha256).digest())
        Assert.Equal("mYHw2R2SOm8Rw/sne3lQdmz4sOfntKR+1P/8RKKTwmA=", FeishuSignature.Compute("demo-secret", 1_700_000_000));
    }

    [Fact]
    public void Options_name_a_missing_secret_file()
    {
        var errors = new FeishuSinkOptions { Name = "plant-feishu", UrlFile = dir.Write("f.url", "https://open.feishu.cn/x"), SecretFile = dir.File("no.secret") }.Validate();

        Assert.StartsWith("feishu 'plant-feishu' secret_file:", Assert.Single(errors), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
