using System.Text;
using System.Text.Json.Nodes;
using ValueGuard.Escalation.Tests.Webhook;

namespace ValueGuard.Escalation.Tests.ServiceNow;

/// <summary>
/// Just enough of ServiceNow's Table API for the incident table on a loopback port: query by encoded query, create,
/// read one record's work notes as display value, patch. Requests without the expected Authorization or Accept header
/// are refused as ServiceNow would (401, 406).
/// </summary>
internal sealed class FakeServiceNow : IDisposable
{
    private const string Table = "/hooks/valueguard/api/now/table/incident";
    private readonly object gate = new();
    private readonly string authorization;

    public FakeServiceNow(string authorization)
    {
        this.authorization = authorization;
        Receiver = LoopbackReceiver.Routing(Answer);
    }

    public LoopbackReceiver Receiver { get; }

    public List<JsonObject> Incidents { get; } = [];

    public List<JsonObject> Patches { get; } = [];

    public List<string> Problems { get; } = [];

    private (int, string) Answer(ReceivedRequest r)
    {
        lock (gate)
        {
            if (!r.Headers.TryGetValue("Authorization", out var auth) || auth != authorization)
                return (401, """{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}""");
            if (!r.Headers.TryGetValue("Accept", out var accept) || accept != "application/json") return (406, "");
            if (r.Method is "POST" or "PATCH" && !(r.Headers.TryGetValue("Content-Type", out var type) && type.StartsWith("application/json", StringComparison.Ordinal)))
                return (415, "");
            var query = Query(r.Query);
            switch (r.Method)
            {
                case "GET" when r.Path == Table:
                    if (query.Keys.Order().SequenceEqual(["sysparm_fields", "sysparm_limit", "sysparm_query"]) is false) Problems.Add("query keys " + r.Query);
                    var wanted = query["sysparm_query"];
                    var hits = Incidents.Where(i => "correlation_id=" + i["correlation_id"]!.GetValue<string>() == wanted)
                        .Select(i => new JsonObject { ["sys_id"] = i["sys_id"]!.GetValue<string>(), ["number"] = i["number"]!.GetValue<string>(), ["state"] = i["state"]!.GetValue<string>() });
                    return (200, new JsonObject { ["result"] = new JsonArray([.. hits]) }.ToJsonString());
                case "POST" when r.Path == Table:
                    var incident = JsonNode.Parse(r.Body)!.AsObject();
                    var id = $"{Incidents.Count + 1:x32}";
                    incident["sys_id"] = id;
                    incident["number"] = $"INC00100{Incidents.Count + 1:00}";
                    incident["state"] = "1";
                    incident["journal"] = Journal(incident["work_notes"]?.GetValue<string>());
                    Incidents.Add(incident);
                    return (201, new JsonObject { ["result"] = incident.DeepClone() }.ToJsonString());
                case "GET" when r.Path.StartsWith(Table + "/", StringComparison.Ordinal):
                    if (query.GetValueOrDefault("sysparm_display_value") != "true" || query.GetValueOrDefault("sysparm_fields") != "work_notes") Problems.Add("read " + r.Query);
                    var one = Find(r.Path);
                    return one is null ? (404, """{"error":{"message":"No Record found"},"status":"failure"}""")
                        : (200, new JsonObject { ["result"] = new JsonObject { ["work_notes"] = one["journal"]!.GetValue<string>() } }.ToJsonString());
                case "PATCH" when r.Path.StartsWith(Table + "/", StringComparison.Ordinal):
                    var target = Find(r.Path);
                    if (target is null) return (404, "");
                    var patch = JsonNode.Parse(r.Body)!.AsObject();
                    Patches.Add(patch);
                    foreach (var (key, value) in patch)
                        if (key == "work_notes") target["journal"] = Journal(value!.GetValue<string>()) + target["journal"]!.GetValue<string>();
                        else target[key] = value!.DeepClone();
                    return (200, new JsonObject { ["result"] = target.DeepClone() }.ToJsonString());
                default:
                    return (400, Encoding.UTF8.GetString(r.Body));
            }
        }
    }

    private JsonObject? Find(string path) => Incidents.FirstOrDefault(i => path == Table + "/" + i["sys_id"]!.GetValue<string>());

    // The display value of a journal field: newest entry first, each under a "date - user (Work notes)" line.
    private static string Journal(string? note) => note is null ? "" : $"2026-03-12 04:00:00 - valueguard (Work notes)\n{note}\n\n";

    private static Dictionary<string, string> Query(string query) => query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    public void Dispose() => Receiver.Dispose();
}
