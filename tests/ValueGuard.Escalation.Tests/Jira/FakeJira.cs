using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ValueGuard.Escalation.Tests.Webhook;

namespace ValueGuard.Escalation.Tests.Jira;

/// <summary>
/// Just enough of Jira's REST API v2 (search, create, comment, edit, transitions) on a loopback port, with its state.
/// <see cref="Cloud"/> serves the enhanced search <c>GET search/jql</c> (token paging, no <c>total</c>) and answers the
/// removed <c>GET search</c> with 410 as Jira Cloud does; otherwise it is Jira Data Center, which has only
/// <c>GET search</c> and answers 404 to <c>search/jql</c>. Every request must carry the expected Authorization and
/// every write a JSON Content-Type, else it is refused as Jira does (401, 415).
/// </summary>
internal sealed class FakeJira : IDisposable
{
    private const string Api = "/hooks/valueguard/rest/api/2/";
    private readonly object gate = new();
    private readonly string authorization;

    public FakeJira(string authorization, bool cloud = true, string[]? transitions = null)
    {
        this.authorization = authorization;
        Cloud = cloud;
        Transitions = transitions ?? ["In Progress", "Done"];
        Receiver = LoopbackReceiver.Routing(Answer);
    }

    /// <summary>The Authorization header of a sink given API token <paramref name="token"/> and, for Jira Cloud, the account e-mail.</summary>
    public static string AuthorizationFor(string token, string? user = null) =>
        user is null ? "Bearer " + token : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + token));

    public bool Cloud { get; }

    /// <summary>The transitions an unresolved issue offers, by name (ids 21, 31, …).</summary>
    public string[] Transitions { get; }

    public LoopbackReceiver Receiver { get; }

    public List<JsonObject> Created { get; } = [];

    public List<string> Comments { get; } = [];

    /// <summary>Requests Jira would have refused, and why.</summary>
    public List<string> Refused { get; } = [];

    public bool Resolved { get; private set; }

    private (int, string) Answer(ReceivedRequest r)
    {
        lock (gate)
        {
            if (r.Headers.GetValueOrDefault("Authorization") != authorization)
                return Refuse(401, $"{r.Method} {r.Path}: Authorization", """{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}""");
            if (r.Method is "POST" or "PUT" && r.Headers.GetValueOrDefault("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
                return Refuse(415, $"{r.Method} {r.Path}: Content-Type", "");
            var path = r.Path.StartsWith(Api, StringComparison.Ordinal) ? r.Path[Api.Length..] : r.Path;
            switch (r.Method, path)
            {
                case ("GET", "search/jql") when Cloud:
                    return (200, $$"""{"issues":[{{string.Join(",", Hits(r).Take(1))}}],"isLast":true}""");
                case ("GET", "search") when Cloud:
                    return (410, """{"errorMessages":["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."],"errors":{}}""");
                case ("GET", "search"):
                    var hits = Hits(r);
                    return (200, $$"""{"startAt":0,"maxResults":1,"total":{{hits.Count}},"issues":[{{string.Join(",", hits.Take(1))}}]}""");
                case ("POST", "issue"):
                    Created.Add(JsonNode.Parse(r.Body)!.AsObject());
                    return (201, $$"""{"id":"1000{{Created.Count}}","key":"DEL-{{Created.Count}}","self":"x"}""");
                case ("GET", "issue/DEL-1/comment"):
                    return (200, JsonSerializer.Serialize(new { comments = Comments.Select(b => new { body = b }) }));
                case ("POST", "issue/DEL-1/comment"):
                    Comments.Add(JsonNode.Parse(r.Body)!["body"]!.GetValue<string>());
                    return (201, """{"id":"1"}""");
                case ("PUT", "issue/DEL-1"):
                    return (204, "");
                case ("GET", "issue/DEL-1/transitions"):
                    var offered = Resolved ? new[] { new { id = "11", name = "Reopen" } } : Transitions.Select((name, i) => new { id = $"{21 + 10 * i}", name }).ToArray();
                    return (200, JsonSerializer.Serialize(new { transitions = offered }));
                case ("POST", "issue/DEL-1/transitions"):
                    var id = JsonNode.Parse(r.Body)!["transition"]!["id"]!.GetValue<string>();
                    Resolved = !Resolved && Transitions.Select((name, i) => (name, id: $"{21 + 10 * i}")).Any(t => t.id == id && t.name == "Done");
                    return (204, "");
                default:
                    return (404, Cloud ? Encoding.UTF8.GetString(r.Body) : "<html><body>Not Found</body></html>");
            }
        }
    }

    private (int, string) Refuse(int status, string why, string body)
    {
        Refused.Add(why);
        return (status, body);
    }

    /// <summary>The issues whose label the JQL names, as both searches list them (key and the status asked for with <c>fields=status</c>).</summary>
    private List<string> Hits(ReceivedRequest r)
    {
        var query = r.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        if (query.GetValueOrDefault("fields") != "status" || query.GetValueOrDefault("maxResults") != "1") Refused.Add("search query " + r.Query);
        var jql = query["jql"];
        var category = Resolved ? """{"key":"done","name":"Done"}""" : """{"key":"new","name":"To Do"}""";
        return [.. Created
            .Select((c, i) => (c, key: $"DEL-{i + 1}"))
            .Where(x => jql.Contains($"labels = \"{x.c["fields"]!["labels"]![0]}\"", StringComparison.Ordinal))
            .Select(x => new JsonObject
            {
                ["id"] = "1000" + x.key[4..],
                ["key"] = x.key,
                ["fields"] = new JsonObject { ["status"] = new JsonObject { ["name"] = Resolved ? "Done" : "To Do", ["statusCategory"] = JsonNode.Parse(category) } },
            }.ToJsonString())];
    }

    public void Dispose() => Receiver.Dispose();
}
