using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.Salesforce;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Salesforce;

public sealed class SalesforceTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly HttpClient http = new();
    private readonly FakeSalesforce salesforce = new();

    private SalesforceTicketSink Sink(string secret = FakeSalesforce.ClientSecret) => new(new SalesforceSinkOptions
    {
        Name = "sales-cases",
        Url = salesforce.Receiver.Url,
        ClientId = FakeSalesforce.ClientId,
        ClientSecretFile = dir.Write("sf.secret", secret + "\n"),
    }, http);

    [Fact]
    public async Task Open_signs_in_with_client_credentials_and_upserts_one_case_by_the_episode_key()
    {
        var number = await Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("00001001", number);
        var requests = salesforce.Receiver.Requests.ToList();
        const string byKey = "/hooks/valueguard/services/data/v60.0/sobjects/Case/ValueGuard_Episode__c/ACME-2026-017_press-availability_1";
        Assert.Equal([
            ("POST", "/hooks/valueguard/services/oauth2/token"),
            ("GET", byKey), ("PATCH", byKey), ("GET", byKey),
        ], requests.Select(r => (r.Method, r.Path)));
        Assert.Equal("grant_type=client_credentials&client_id=3MVG9consumerKey&client_secret=C0NSUMER-S3CRET", System.Text.Encoding.UTF8.GetString(requests[0].Body));
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer 00DHs000000token1!AQ", r.Headers["Authorization"]));
        var created = Assert.Single(salesforce.Cases).Value;
        Assert.Equal("Breach of ACME-2026-017 / press-availability (episode 1)", created["Subject"]!.GetValue<string>());
        Assert.Equal("High", created["Priority"]!.GetValue<string>());
        Assert.Contains("Target: >= 98%", created["Description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(created.ContainsKey("ValueGuard_Episode__c"));
        Assert.Empty(salesforce.Problems);
    }

    [Fact]
    public async Task Delivering_open_again_reads_the_case_by_key_and_writes_nothing()
    {
        await Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var again = await Sink().DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        Assert.Equal("00001001", again);
        Assert.Single(salesforce.Cases);
        Assert.Single(salesforce.Receiver.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Escalation_raises_the_priority_then_adds_a_private_comment_once()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open, level: 0) with { Content = Actions.Of(EscalationActionKind.Open).Content with { Priority = "normal" } }, default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        var update = Assert.Single(salesforce.Updates);
        Assert.Equal("High", update["Priority"]!.GetValue<string>());
        var comment = Assert.Single(salesforce.Comments);
        Assert.Equal(["ParentId", "CommentBody", "IsPublished"], comment.Select(p => p.Key));
        Assert.Equal("500Hs0000100001AAA", comment["ParentId"]!.GetValue<string>());
        Assert.False(comment["IsPublished"]!.GetValue<bool>());
        Assert.EndsWith("valueguard-action: ACME-2026-017/press-availability/1#escalate-1", comment["CommentBody"]!.GetValue<string>(), StringComparison.Ordinal);
        var query = salesforce.Receiver.Requests.Where(r => r.Path.EndsWith("/query", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, query.Count);
        Assert.Equal("?q=" + Uri.EscapeDataString("SELECT CommentBody FROM CaseComment WHERE ParentId = '500Hs0000100001AAA'"), query[0].Query);
        Assert.Empty(salesforce.Problems);
    }

    [Fact]
    public async Task Resolve_sets_the_close_status_and_comments()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.Equal("Closed", Assert.Single(salesforce.Updates)["Status"]!.GetValue<string>());
        Assert.Equal("Closed", salesforce.Cases.Single().Value["Status"]!.GetValue<string>());
        Assert.StartsWith("[Breached] ACME-2026-017/press-availability: recovered", Assert.Single(salesforce.Comments)["CommentBody"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_gets_one_fresh_token_and_the_request_is_repeated()
    {
        var sink = Sink();
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);
        salesforce.ValidToken = "revoked";

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        Assert.Equal(2, salesforce.TokensIssued);
        Assert.Single(salesforce.Comments);
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_with_salesforces_error_and_without_the_secret()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sink("wrong-secret").DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Equal("""salesforce 'sales-cases' sign-in (client credentials) answered 400: {"error":"invalid_client","error_description":"invalid client credentials"}""", error.Message);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_external_key_is_safe_in_a_url_path()
    {
        Assert.Equal("ACME-2026-017_press-availability_12", SalesforceTicketSink.ExternalKey(new("ACME-2026-017", "press-availability", 12)));
    }

    [Fact]
    public void Options_check_the_field_name_and_api_version()
    {
        var errors = new SalesforceSinkOptions
        {
            Name = "s", Url = new Uri("https://acme.my.salesforce.com"), ClientId = "id", ClientSecretFile = dir.Write("x", "y"),
            ApiVersion = "60", ExternalIdField = "Episode",
        }.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("salesforce 's' api_version: '60'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("salesforce 's' external_id_field: 'Episode'", e, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        salesforce.Dispose();
        http.Dispose();
        dir.Dispose();
    }
}
