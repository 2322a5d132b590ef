using ValueGuard.Core.Commitments;
using ValueGuard.Escalation.Sinks.PagerDuty;
using ValueGuard.Escalation.Tests.Webhook;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.PagerDuty;

/// <summary>Two-way PagerDuty: incidents read back over the REST API (GET /incidents?incident_key=) from a local receiver.</summary>
public sealed class PagerDutyIncidentReaderTests : IDisposable
{
    private const string DedupKey = "ACME-2026-017/press-availability/1";
    private static readonly BreachEpisodeId Episode = new("ACME-2026-017", "press-availability", 1);
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();

    private PagerDutyIncidentReader Reader(LoopbackReceiver api) => new(new PagerDutyIncidentOptions
    {
        Name = "on-call", ApiUrl = api.Url, ApiTokenFile = dir.Write("pd-api.token", "y_NbAkKc66ryYTWUXYEu\n"),
    }, http);

    private static string Incidents(string body) => $$"""{"incidents":[{{body}}],"limit":25,"offset":0,"more":false}""";

    [Fact]
    public async Task Asks_the_rest_api_for_the_alerts_incident_with_the_api_token()
    {
        using var api = LoopbackReceiver.Routing(_ => (200, Incidents("")));

        Assert.Null(await Reader(api).FindAsync(Episode, DedupKey, default));

        var request = Assert.Single(api.Requests);
        Assert.Equal(("GET", "/hooks/valueguard/incidents"), (request.Method, request.Path));
        var query = Uri.UnescapeDataString(request.Query);
        Assert.Equal($"?incident_key={DedupKey}&date_range=all&statuses[]=acknowledged&statuses[]=resolved", query);
        Assert.Equal("Token token=y_NbAkKc66ryYTWUXYEu", request.Headers["Authorization"]);
        Assert.Equal("application/vnd.pagerduty+json; version=2", request.Headers["Accept"]);
    }

    [Fact]
    public async Task An_acknowledged_incident_names_its_acknowledger()
    {
        using var api = LoopbackReceiver.Routing(_ => (200, Incidents($$$"""
            {"id":"PT4KHLK","incident_number":1234,"status":"acknowledged","incident_key":"{{{DedupKey}}}",
             "acknowledgements":[{"at":"2026-03-12T05:00:00Z","acknowledger":{"id":"PXPGF42","type":"user_reference","summary":"Earline Greenholt"}}],
             "last_status_change_by":{"id":"PXPGF42","type":"user_reference","summary":"Earline Greenholt"}}
            """)));

        var ack = await Reader(api).FindAsync(Episode, DedupKey, default);

        Assert.Equal(new("PagerDuty incident #1234", "Earline Greenholt", "acknowledged"), ack);
    }

    [Fact]
    public async Task A_resolved_incident_without_acknowledgements_names_who_resolved_it()
    {
        using var api = LoopbackReceiver.Routing(_ => (200, Incidents($$$"""
            {"id":"PT4KHLK","incident_number":77,"status":"resolved","incident_key":"{{{DedupKey}}}","acknowledgements":[],
             "last_status_change_by":{"id":"PXPGF42","type":"user_reference","summary":"Li Wei"}}
            """)));

        Assert.Equal("Li Wei", (await Reader(api).FindAsync(Episode, DedupKey, default))!.By);
    }

    [Fact]
    public async Task An_incident_of_another_alert_does_not_count()
    {
        using var api = LoopbackReceiver.Routing(_ => (200, Incidents("""
            {"id":"P1","incident_number":5,"status":"acknowledged","incident_key":"ACME-2026-017/press-availability/10","acknowledgements":[]}
            """)));

        Assert.Null(await Reader(api).FindAsync(Episode, DedupKey, default));
    }

    [Fact]
    public async Task A_refused_token_throws_so_the_next_poll_tries_again()
    {
        using var api = LoopbackReceiver.Routing(_ => (401, """{"error":{"message":"Unauthorized","code":2006}}"""));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Reader(api).FindAsync(Episode, DedupKey, default));
        Assert.DoesNotContain("y_NbAkKc66ryYTWUXYEu", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        dir.Dispose();
    }
}
