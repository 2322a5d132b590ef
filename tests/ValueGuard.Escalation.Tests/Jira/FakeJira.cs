using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ValueGuard.Escalation.Tests.Webhook;

namespace ValueGuard.Escalation.Tests.Jira;

/// <summary>Just enough of Jira's REST API v2 (search, create, comment, edit, transitions) on a loopback port, with its state.</summary>
internal sealed class FakeJira : IDisposable
{
    private const string Api = "/hooks/valueguard/rest/api/2/";
    private readonly object gate = new();

    public FakeJira() => Receiver = LoopbackReceiver.Routing(Answer);

    public LoopbackReceiver Receiver { get; }

    public List<JsonObject> Created { get; } = [];

    public List<string> Comments { get; } = [];

    public bool Resolved { get; private set; }

    private (int, string) Answer(ReceivedRequest r)
    {
        lock (gate)
        {
            var path = r.Path.StartsWith(Api, StringComparison.Ordinal) ? r.Path[Api.Length..] : r.Path;
            switch (r.Method, path)
            {
                case ("GET", "search"):
                    var jql = Uri.UnescapeDataString(r.Query.Split('&').First(p => p.TrimStart('?').StartsWith("jql=", StringComparison.Ordinal)).TrimStart('?')[4..]);
                    var hits = Created.Where(c => jql.Contains($"labels = \"{c["fields"]!["labels"]![0]}\"", StringComparison.Ordinal)).Select((_, i) => $$"""{"key":"DEL-{{i + 1}}"}""");
                    return (200, $$"""{"startAt":0,"total":{{hits.Count()}},"issues":[{{string.Join(",", hits)}}]}""");
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
                    return (200, Resolved ? """{"transitions":[{"id":"11","name":"Reopen"}]}""" : """{"transitions":[{"id":"21","name":"In Progress"},{"id":"31","name":"Done"}]}""");
                case ("POST", "issue/DEL-1/transitions"):
                    Resolved = JsonNode.Parse(r.Body)!["transition"]!["id"]!.GetValue<string>() == "31";
                    return (204, "");
                default:
                    return (404, Encoding.UTF8.GetString(r.Body));
            }
        }
    }

    public void Dispose() => Receiver.Dispose();
}
