using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ValueGuard.Escalation.Tests.Webhook;

namespace ValueGuard.Escalation.Tests.Salesforce;

/// <summary>
/// Just enough of a Salesforce org on a loopback port: the OAuth 2.0 client credentials token endpoint, Case read and
/// upsert by an external id, Case update by id, CaseComment create and the SOQL query for a Case's comments. A request
/// with a token the fake did not issue (or one it has expired) gets Salesforce's 401 INVALID_SESSION_ID.
/// </summary>
internal sealed partial class FakeSalesforce : IDisposable
{
    public const string ClientId = "3MVG9consumerKey";
    public const string ClientSecret = "C0NSUMER-S3CRET";
    private const string Root = "/hooks/valueguard/";
    private const string Data = Root + "services/data/v60.0/";
    private readonly object gate = new();
    private int tokens;

    public FakeSalesforce() => Receiver = LoopbackReceiver.Routing(Answer);

    public LoopbackReceiver Receiver { get; }

    /// <summary>Cases by external-id value.</summary>
    public Dictionary<string, JsonObject> Cases { get; } = [];

    public List<JsonObject> Comments { get; } = [];

    public List<JsonObject> Updates { get; } = [];

    public List<string> Problems { get; } = [];

    public string? ValidToken { get; set; }

    private (int, string) Answer(ReceivedRequest r)
    {
        lock (gate)
        {
            if (r.Method == "POST" && r.Path == Root + "services/oauth2/token") return Token(r);
            if (!r.Headers.TryGetValue("Authorization", out var auth) || ValidToken is null || auth != "Bearer " + ValidToken)
                return (401, """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""");
            if (r.Headers.GetValueOrDefault("Accept") != "application/json") Problems.Add("Accept " + r.Headers.GetValueOrDefault("Accept"));
            if (r.Method is "POST" or "PATCH" && r.Headers.GetValueOrDefault("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true) Problems.Add("Content-Type on " + r.Path);
            var path = r.Path.StartsWith(Data, StringComparison.Ordinal) ? r.Path[Data.Length..] : r.Path;
            if (ByExternalId().Match(path) is { Success: true } m)
            {
                var key = Uri.UnescapeDataString(m.Groups[1].Value);
                if (r.Method == "GET")
                {
                    if (r.Query != "?fields=Id,CaseNumber") Problems.Add("read query " + r.Query);
                    return Cases.TryGetValue(key, out var c)
                        ? (200, new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Case" }, ["Id"] = c["Id"]!.GetValue<string>(), ["CaseNumber"] = c["CaseNumber"]!.GetValue<string>() }.ToJsonString())
                        : (404, """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""");
                }
                if (r.Method == "PATCH")
                {
                    var fields = JsonNode.Parse(r.Body)!.AsObject();
                    if (Cases.TryGetValue(key, out var existing))
                    {
                        foreach (var (k, v) in fields) existing[k] = v!.DeepClone();
                        return (200, $$"""{"id":"{{existing["Id"]}}","success":true,"errors":[],"created":false}""");
                    }
                    var id = $"500Hs00001{Cases.Count + 1:00000}AAA";
                    fields["Id"] = id;
                    fields["CaseNumber"] = $"0000{1001 + Cases.Count}";
                    fields["Status"] = "New";
                    Cases[key] = fields;
                    return (201, $$"""{"id":"{{id}}","success":true,"errors":[],"created":true}""");
                }
            }
            if (r.Method == "PATCH" && path.StartsWith("sobjects/Case/", StringComparison.Ordinal))
            {
                var target = Cases.Values.FirstOrDefault(c => "sobjects/Case/" + c["Id"]!.GetValue<string>() == path);
                if (target is null) return (404, """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""");
                var fields = JsonNode.Parse(r.Body)!.AsObject();
                Updates.Add(fields);
                foreach (var (k, v) in fields) target[k] = v!.DeepClone();
                return (204, "");
            }
            if (r.Method == "POST" && path == "sobjects/CaseComment")
            {
                var comment = JsonNode.Parse(r.Body)!.AsObject();
                Comments.Add(comment);
                return (201, $$"""{"id":"00aHs0000{{Comments.Count:000000}}","success":true,"errors":[]}""");
            }
            if (r.Method == "GET" && path == "query")
            {
                var soql = Uri.UnescapeDataString(r.Query.TrimStart('?')["q=".Length..]);
                var parent = CommentsOf().Match(soql);
                if (!parent.Success) return (400, $$"""[{"errorCode":"MALFORMED_QUERY","message":"{{soql}}"}]""");
                var records = Comments.Where(c => c["ParentId"]!.GetValue<string>() == parent.Groups[1].Value)
                    .Select(c => new JsonObject { ["attributes"] = new JsonObject { ["type"] = "CaseComment" }, ["CommentBody"] = c["CommentBody"]!.GetValue<string>() });
                var list = new JsonArray([.. records]);
                return (200, new JsonObject { ["totalSize"] = list.Count, ["done"] = true, ["records"] = list }.ToJsonString());
            }
            return (404, $$"""[{"errorCode":"NOT_FOUND","message":"{{r.Method}} {{path}}"}]""");
        }
    }

    private (int, string) Token(ReceivedRequest r)
    {
        if (r.Headers.GetValueOrDefault("Content-Type") != "application/x-www-form-urlencoded") return (400, """{"error":"invalid_request"}""");
        var form = Encoding.UTF8.GetString(r.Body).Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        if (form.GetValueOrDefault("grant_type") != "client_credentials") return (400, """{"error":"unsupported_grant_type","error_description":"grant type not supported"}""");
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            return (400, """{"error":"invalid_client","error_description":"invalid client credentials"}""");
        ValidToken = $"00DHs000000token{++tokens}!AQ";
        return (200, new JsonObject
        {
            ["access_token"] = ValidToken, ["signature"] = "sig", ["scope"] = "api", ["instance_url"] = Receiver.Url.AbsoluteUri.TrimEnd('/'),
            ["id"] = "https://login.salesforce.com/id/00D/005", ["token_type"] = "Bearer", ["issued_at"] = "1773288000000",
        }.ToJsonString());
    }

    public int TokensIssued => tokens;

    [GeneratedRegex("^sobjects/Case/ValueGuard_Episode__c/([^/]+)$")]
    private static partial Regex ByExternalId();

    [GeneratedRegex("^SELECT CommentBody FROM CaseComment WHERE ParentId = '([A-Za-z0-9]{15,18})'$")]
    private static partial Regex CommentsOf();

    public void Dispose() => Receiver.Dispose();
}
