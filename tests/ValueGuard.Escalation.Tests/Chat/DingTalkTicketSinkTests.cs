using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.DingTalk;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Chat;

public sealed class DingTalkTicketSinkTests : IDisposable
{
    private const string Secret = "SEC0f3c1d2e5a7b9c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1";
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly ManualClock clock = new(Actions.T0.AddMilliseconds(1234));

    private DingTalkTicketSink Sink(LoopbackReceiver receiver) => new(new DingTalkSinkOptions
    {
        Name = "plant-group",
        UrlFile = dir.Write("dingtalk.url", new Uri(receiver.Url, "robot/send?access_token=tok123").AbsoluteUri + "\n"),
        SecretFile = dir.Write("dingtalk.secret", Secret + "\n"),
    }, http, clock);

    [Fact]
    public async Task Signs_the_url_with_timestamp_and_sign_that_a_receiver_can_recompute()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hooks/valueguard/robot/send"), (request.Method, request.Path));
        var query = request.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["access_token", "timestamp", "sign"], query.Keys);
        Assert.Equal("tok123", query["access_token"]);
        Assert.Equal(clock.Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), query["timestamp"]);

        // DingTalk's published recipe, written out independently of DingTalkSignature.
        var stringToSign = query["timestamp"] + "\n" + Secret;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = WebUtility.UrlEncode(Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))));
        Assert.Equal(expected, query["sign"], ignoreCase: true);
        Assert.Equal(Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))), WebUtility.UrlDecode(query["sign"]));
    }

    [Fact]
    public async Task Sends_a_markdown_message_with_title_and_text()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"errcode":0,"errmsg":"ok"}"""));

        await Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        var request = Assert.Single(receiver.Requests);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["msgtype", "markdown"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        var markdown = json.RootElement.GetProperty("markdown");
        Assert.Equal("[Breached] ACME-2026-017/press-availability: escalated to level 1", markdown.GetProperty("title").GetString());
        var text = markdown.GetProperty("text").GetString()!;
        Assert.StartsWith("#### [Breached] ACME-2026-017/press-availability: escalated to level 1\n\n- **Customer**: ACME Precision Parts\n", text, StringComparison.Ordinal);
        Assert.Contains("- **Target**: >= 98%\n", text, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_in_a_200_answer_throws_with_the_errcode()
    {
        using var receiver = new LoopbackReceiver(_ => (200, """{"errcode":310000,"errmsg":"sign not match"}"""));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink(receiver).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal("dingtalk 'plant-group' refused the message: errcode 310000, sign not match", error.Message);
    }

    [Fact]
    public void Signature_matches_a_value_computed_by_the_python_recipe()
    {
        // python3: quote_plus(b64encode(hmac.new(b"SECtest", b"1700000000000\nSECtest", hashlib.sha256).digest()))
        Assert.Equal("aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D", DingTalkSignature.Compute("SECtest", 1_700_000_000_000));
    }

    [Fact]
    public void Signing_appends_to_the_query_of_the_robot_url()
    {
        var signed = DingTalkSignature.Sign(new Uri("https://oapi.dingtalk.com/robot/send?access_token=tok"), "SECtest", 1_700_000_000_000);

        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D", signed.AbsoluteUri);
    }

    [Fact]
    public void Options_name_the_missing_files()
    {
        var errors = new DingTalkSinkOptions { Name = "plant-group", UrlFile = dir.File("no.url"), SecretFile = dir.File("no.secret") }.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("dingtalk 'plant-group' url_file:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("dingtalk 'plant-group' secret_file:", e, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
