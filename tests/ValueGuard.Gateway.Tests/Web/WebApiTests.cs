using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ValueGuard.Storage.Evidence;

namespace ValueGuard.Gateway.Tests.Web;

public class WebApiTests : IClassFixture<BreachedGateway>
{
    private readonly BreachedGateway gateway;

    public WebApiTests(BreachedGateway gateway) => this.gateway = gateway;

    private HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = gateway.Ui.Address };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Api_requests_without_the_right_token_are_refused()
    {
        using var none = Client(null);
        using var wrong = Client(gateway.Token[..^1] + (gateway.Token[^1] == 'A' ? 'B' : 'A'));
        using var basic = Client(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", gateway.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("api/status")).StatusCode);
        var post = await none.PostAsync("api/clauses/ACME-2026-017/press-availability/acknowledge", Json(new { reason = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal("Bearer", post.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Escalated", await StateAsync("press-availability"));
    }

    [Fact]
    public async Task The_status_shows_devices_clauses_episodes_and_buffers()
    {
        using var http = Client(gateway.Token);

        var status = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement;

        Assert.Equal("acme-plant-1", status.GetProperty("site").GetString());
        var press = status.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == "press-07");
        Assert.Equal(BreachedGateway.GoLive.AddHours(48).AddMinutes(-5), press.GetProperty("last_contact").GetDateTimeOffset());
        Assert.Equal(1, press.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("signal").GetString() == "running").GetProperty("value").GetDouble());
        var clause = status.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("clause").GetString() == "press-availability");
        Assert.Equal("BREACHED", clause.GetProperty("verdict").GetString());
        Assert.Contains(clause.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("to").GetString() == "Breached");
        Assert.Equal("ACME-2026-017/press-availability/1", status.GetProperty("episodes")[0].GetProperty("episode").GetString());
        Assert.Equal("embedded", status.GetProperty("buffer").GetProperty("store").GetString());
        Assert.Equal(gateway.Runtime.Ledger.Head, status.GetProperty("buffer").GetProperty("ledger_head").GetString());
    }

    [Fact]
    public async Task A_dead_ticket_action_is_listed_with_its_sink_key_and_last_error()
    {
        using var http = Client(gateway.Token);
        var open = new Core.Escalation.EscalationAction(new Core.Commitments.BreachEpisodeId("ACME-2026-017", "press-availability", 99),
            Core.Escalation.EscalationActionKind.Open, 0, BreachedGateway.GoLive,
            new Core.Escalation.TicketContent("ACME", "ACME-2026-017", "press-availability", "text", ">= 98%", "97%", "100%", "30d", "Breached", "high", null, new string('a', 64)));
        await gateway.Runtime.Outbox.EnqueueAsync(open, ["retired-desk"], default);
        var entry = (await gateway.Runtime.Outbox.UndeliveredAsync(default)).Single(e => e.Sink == "retired-desk");
        await gateway.Runtime.Outbox.MarkFailedAsync(entry.Id, "no sink named 'retired-desk' is configured", BreachedGateway.GoLive, dead: true, default);

        var status = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement;

        var dead = status.GetProperty("buffer").GetProperty("dead_actions").EnumerateArray().Single(d => d.GetProperty("sink").GetString() == "retired-desk");
        Assert.Equal(entry.Id, dead.GetProperty("id").GetInt64());
        Assert.Equal("ACME-2026-017/press-availability/99#open-0", dead.GetProperty("key").GetString());
        Assert.Equal("no sink named 'retired-desk' is configured", dead.GetProperty("last_error").GetString());
        Assert.True(status.GetProperty("buffer").GetProperty("outbox_dead").GetInt32() >= 1);
    }

    [Fact]
    public async Task Pages_carry_no_data_and_no_token_and_the_openapi_document_names_every_route()
    {
        using var anonymous = Client(null);

        var page = await anonymous.GetStringAsync("");
        var script = await anonymous.GetStringAsync("app.js");
        var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("openapi.json")).RootElement;

        Assert.DoesNotContain(gateway.Token, page + script);
        Assert.DoesNotContain("press-availability", page);
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/status", "/api/clauses/{contract}/{clause}/acknowledge", "/api/clauses/{contract}/{clause}/snooze"], paths);
    }

    [Fact]
    public async Task Acknowledging_needs_a_reason_and_a_breach_and_snooze_goes_through_the_operator_action_service()
    {
        using var http = Client(gateway.Token);
        var recordsBefore = File.ReadLines(gateway.Runtime.Paths.Ledger).Count(l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal));

        var noReason = await http.PostAsync("api/clauses/ACME-2026-017/press-availability/acknowledge", Json(new { reason = " " }));
        var notBreached = await http.PostAsync("api/clauses/ACME-2026-017/mes-api-success/acknowledge", Json(new { reason = "why not" }));
        var unknown = await http.PostAsync("api/clauses/ACME-2026-017/nope/acknowledge", Json(new { reason = "why not" }));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notBreached.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(recordsBefore, File.ReadLines(gateway.Runtime.Paths.Ledger).Count(l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal)));

        var snooze = await http.PostAsync("api/clauses/ACME-2026-017/press-availability/snooze", Json(new { reason = "night shift", minutes = 60 }));
        Assert.True(snooze.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"snooze answered {snooze.StatusCode}: {await snooze.Content.ReadAsStringAsync()}");
        if (snooze.StatusCode == HttpStatusCode.OK)
            Assert.Contains(File.ReadLines(gateway.Runtime.Paths.Ledger), l => l.Contains("\"kind\":\"operator-action\"", StringComparison.Ordinal) && l.Contains("night shift", StringComparison.Ordinal));
        Assert.True(LedgerVerifier.Verify(gateway.Runtime.Paths.Ledger).Intact);
    }

    private async Task<string?> StateAsync(string clause)
    {
        using var http = Client(gateway.Token);
        var status = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement;
        return status.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("clause").GetString() == clause).GetProperty("state").GetString();
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
