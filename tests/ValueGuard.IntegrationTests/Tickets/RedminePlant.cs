using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Tickets;

/// <summary>
/// A plant for the gateway-process ticket tests: one press publishing its running state over real MQTT every
/// half second, a contract whose clause breaches within seconds of the press stopping (availability ≥ 80 % over
/// any 30 s) and recovers within half a minute of it running again, a policy that escalates after 5 s
/// unacknowledged (or <c>escalateAfter</c>), and the real Redmine behind <paramref name="redmineUrl"/> (a proxy in these tests).
/// </summary>
internal sealed class RedminePlant : IAsyncDisposable
{
    public const string Clause = "press-availability";

    private readonly TempDirectory dir = new();
    private readonly RedmineServer redmine;
    private readonly HttpClient http = new();
    private readonly IMqttClient mqtt = new MqttClientFactory().CreateMqttClient();
    private readonly CancellationTokenSource stopping = new();
    private Task? publishing;

    public RedminePlant(MosquittoBroker mosquitto, RedmineServer redmine, Uri redmineUrl, string extraSinkKeys = "", string escalateAfter = "5s")
    {
        this.redmine = redmine;
        Broker = mosquitto.Url;
        Contract = "GW-" + Guid.NewGuid().ToString("N")[..10];
        var goLive = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        dir.Write("contract.yaml", $$"""
            contract: {{Contract}}
            customer: ACME Precision Parts
            timezone: UTC
            go_live: {{goLive}}
            owners: { sales: sales-east, delivery: delivery-team-3, customer_success: cs-east }
            clauses:
              - id: {{Clause}}
                text: Press-07 is available at least 80 % of any 30 seconds
                kpi: { kind: availability, signal: press-07/running }
                window: { rolling: 30s }
                target: ">= 80%"
            """);
        dir.Write("redmine.key", redmine.ApiKey + "\n");
        Site = dir.Write("site.yaml", $$"""
            site: {{Contract.ToLowerInvariant()}}
            broker: { url: "{{mosquitto.Url}}", client_id: vg-{{Contract.ToLowerInvariant()}} }
            data_dir: data
            device_profiles: [{{RepoPaths.DeviceProfiles}}]
            contracts: [contract.yaml]
            devices:
              - { id: press-07, profile: press-plc-json }
            evaluate_every: 1s
            tickets:
              sinks:
                - { name: redmine, kind: redmine, url: "{{redmineUrl}}", api_key_file: redmine.key, project: {{redmine.Project}}{{extraSinkKeys}} }
            escalation:
              default: fast
              policies:
                fast:
                  levels:
                    - { notify: [delivery, customer_success], priority: high }
                    - { after: {{escalateAfter}}, notify: [sales_manager, delivery], priority: urgent }
            """);
    }

    public Uri Broker { get; }

    public string Contract { get; }

    public string Site { get; }

    /// <summary>What the press publishes from now on.</summary>
    public volatile bool Running = true;

    /// <summary>Seeds a minute of running into the store (so the clause starts Compliant) and starts publishing.</summary>
    public async Task StartAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using (var store = new EmbeddedTimeSeriesStore(dir.File("data/samples.db")))
            await store.WriteAsync([.. Enumerable.Range(0, 12).Select(i => new Sample(new SignalId("press-07", "running"), now.AddSeconds(-60 + i * 5), 1))], default);
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Broker.Host, Broker.Port).WithClientId("press-" + Contract).Build());
        publishing = PublishAsync(stopping.Token);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var topic = $"plant/{Contract.ToLowerInvariant()}/press-07/telemetry";
        while (!cancellationToken.IsCancellationRequested)
        {
            var payload = string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"state":{"running":{{{(Running ? "true" : "false")}}}}}""");
            try
            {
                await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            }
            catch (MqttCommunicationTimedOutException) when (cancellationToken.IsCancellationRequested)
            {
                return; // MQTTnet reports a cancelled wait for PUBACK as a timeout: this is the plant stopping, not a fault
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>The outbox rows for the Redmine sink: idempotency key and status, oldest first.</summary>
    public IReadOnlyList<(string Key, string Status)> Outbox()
    {
        var path = dir.File("data/outbox.db");
        if (!File.Exists(path)) return [];
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT key, status FROM outbox WHERE sink = 'redmine' ORDER BY id";
        try
        {
            using var r = cmd.ExecuteReader();
            var rows = new List<(string, string)>();
            while (r.Read()) rows.Add((r.GetString(0), r.GetString(1)));
            return rows;
        }
        catch (SqliteException)
        {
            return []; // the gateway has not created the table yet
        }
    }

    public string StatusOf(string action) =>
        Outbox().Where(e => e.Key == $"{Contract}/{Clause}/1#{action}").Select(e => e.Status).FirstOrDefault() ?? "absent";

    /// <summary>The evidence records so far, as JSON; a line the gateway is still writing is not a record yet.</summary>
    public List<JsonElement> Ledger(string kind)
    {
        var path = dir.File("data/ledger.jsonl");
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var records = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
            if (EvidenceChain.TryOpen(line, out _, out _) && JsonDocument.Parse(line).RootElement is var r && r.GetProperty("kind").GetString() == kind) records.Add(r);
        return records;
    }

    /// <summary>Whether the ledger records the clause entering <paramref name="state"/>.</summary>
    public bool Entered(string state) => Ledger("transition").Any(t => t.GetProperty("body").GetProperty("to").GetString() == state);

    /// <summary>The Redmine issues of episode 1, read straight from Redmine (not through the proxy).</summary>
    public async Task<List<JsonNode>> IssuesAsync()
    {
        var marker = $"[vg:{Contract}/{Clause}/1]";
        var json = await GetAsync($"/issues.json?project_id={redmine.Project}&status_id=*&subject={Uri.EscapeDataString("~" + marker)}");
        return json["issues"]!.AsArray().Select(i => i!).Where(i => i["subject"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal)).ToList();
    }

    public async Task<JsonNode> IssueWithJournalsAsync(int id) => (await GetAsync($"/issues/{id}.json?include=journals"))["issue"]!;

    /// <summary>The issue's notes in journal order, each reduced to its last line (the action's key).</summary>
    public static List<string> ActionKeys(JsonNode issue) =>
        issue["journals"]!.AsArray().Select(j => j!["notes"]?.GetValue<string>() ?? "").Where(n => n.Length > 0)
            .Select(n => n.Split('\n')[^1].Replace("valueguard-action: ", "", StringComparison.Ordinal)).ToList();

    public async Task<JsonNode> GetAsync(string path, string? asUser = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(redmine.Url, path));
        request.Headers.Add("X-Redmine-API-Key", redmine.ApiKey);
        if (asUser is not null) request.Headers.Add("X-Redmine-Switch-User", asUser);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Sends a JSON body to Redmine's REST API as the admin, or as <paramref name="asUser"/> (the admin impersonating a person).</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject body, string? asUser = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(redmine.Url, path)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Redmine-API-Key", redmine.ApiKey);
        if (asUser is not null) request.Headers.Add("X-Redmine-Switch-User", asUser);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Waits for an asynchronous condition (a Redmine query) with a deadline.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds, Func<string>? context = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"timed out after {seconds} s waiting for {what}\n{context?.Invoke()}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (publishing is not null)
        {
            try { await publishing; }
            catch (OperationCanceledException) { }
        }
        mqtt.Dispose();
        http.Dispose();
        stopping.Dispose();
        dir.Dispose();
    }
}
