using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Gateway.Broker;
using ValueGuard.IntegrationTests.Faults.Chaos;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>
/// Needs: mosquitto (with mosquitto_passwd). The gateway runs as a child process holding every kind of secret a site
/// can hold, and is made to fail with each: a broker that requires a password (right once, wrong once), a contract
/// that breaches while every ticket sink is refused (Redmine API key, webhook HMAC secret, Jira token, PagerDuty
/// routing key, Slack webhook URL), InfluxDB refusing its user and password, the web UI's token used right and wrong.
/// The test first checks that each failure happened and that the secret was really sent, then that not one secret
/// appears in what the gateway printed or in any file under its data folder (outbox.db, status.json, dead-letter.jsonl,
/// ledger, …).
/// </summary>
[Collection(GatewayFaultCollection.Name)]
public class SecretsInLogsTests
{
    [Fact]
    public async Task No_secret_appears_in_the_log_or_the_data_folder_while_every_ticket_sink_is_refused()
    {
        using var dir = new TempDirectory();
        var secrets = NewSecrets("broker-password", "redmine-key", "webhook-secret", "jira-token", "pagerduty-key", "slack-path", "web-token");
        var publisherPassword = "publisher-" + Guid.NewGuid().ToString("N");
        using var broker = new PasswordMosquitto(("gateway", secrets["broker-password"]), ("publisher", publisherPassword));
        using var refusing = new RefusingHttpServer();
        foreach (var (name, value) in secrets.Where(s => s.Key != "slack-path")) dir.Write(name, value + "\n");
        dir.Write("slack-url", $"{refusing.Url}slack/services/T0/B0/{secrets["slack-path"]}\n");
        var plant = new BreachPlant(1, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(2));
        dir.Write("contract.yaml", plant.Contract);
        var webPort = EmbeddedBroker.FreePort();
        var site = dir.Write("site.yaml", $"""
            site: secret-plant
            broker: {"{"} url: "{broker.Url}", client_id: vg-secrets-{Guid.NewGuid():N}, username: gateway, password_file: {dir.File("broker-password")} {"}"}
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [contract.yaml]
            evaluate_every: 1s
            web: {"{"} listen: "127.0.0.1:{webPort}", token_file: {dir.File("web-token")} {"}"}
            devices:
            {plant.Devices}
            tickets:
              sinks:
                - {"{"} name: desk, kind: redmine, url: "{refusing.Url}redmine", api_key_file: {dir.File("redmine-key")}, project: plant {"}"}
                - {"{"} name: hook, kind: webhook, url: "{refusing.Url}hook", secret_file: {dir.File("webhook-secret")} {"}"}
                - {"{"} name: jira-desk, kind: jira, url: "{refusing.Url}jira", project: DEL, api_token_file: {dir.File("jira-token")} {"}"}
                - {"{"} name: on-call, kind: pagerduty, url: "{refusing.Url}pagerduty/enqueue", routing_key_file: {dir.File("pagerduty-key")} {"}"}
                - {"{"} name: chat, kind: slack, url_file: {dir.File("slack-url")} {"}"}
            """);
        using (var store = new EmbeddedTimeSeriesStore(dir.File("data/samples.db")))
            await store.WriteAsync(plant.History(), default);

        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60)); // the right broker password was accepted
        var web = await WebStatusCodesAsync(webPort, secrets["web-token"]);
        using (var mqtt = new MqttClientFactory().CreateMqttClient())
        {
            // A message the gateway must dead-letter, so data/dead-letter.jsonl is among the files scanned.
            await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Url.Host, broker.Url.Port)
                .WithCredentials("publisher", publisherPassword).WithClientId("secrets-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plant/secret-plant/p00/telemetry").WithPayload("{not json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
        string[] sinks = ["desk", "hook", "jira-desk", "on-call", "chat"];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (sinks.Where(s => !Refused(gateway, s)).ToList() is { Count: > 0 } quiet)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), $"no refused action logged for {string.Join(", ", quiet)}:\n{gateway.Log}");
            await Task.Delay(100);
        }
        // status.json (written every 5 s) must hold the failures too before the scan.
        await StatusWrittenAfter(dir.File("data/status.json"), DateTime.UtcNow);
        gateway.KillHard();

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK], web);
        // Each secret really went out, so it was in the gateway's hands while it logged the refusals.
        Assert.True(refusing.Saw("X-Redmine-API-Key: " + secrets["redmine-key"]), "Redmine was not sent its API key");
        Assert.True(refusing.Saw("Authorization: Bearer " + secrets["jira-token"]), "Jira was not sent its token");
        Assert.True(refusing.Saw(secrets["pagerduty-key"]), "PagerDuty was not sent its routing key");
        Assert.True(refusing.Saw("POST /slack/services/T0/B0/" + secrets["slack-path"]), "the Slack webhook URL was not called");
        Assert.True(refusing.Saw("POST /hook"), "the webhook was not called");
        var outboxErrors = OutboxErrors(dir.File("data/outbox.db"));
        Assert.All(sinks, s => Assert.True(outboxErrors.ContainsKey(s), $"the outbox recorded no error for {s}: {string.Join("; ", outboxErrors)}"));
        Assert.True(File.Exists(dir.File("data/dead-letter.jsonl")), "the bad message was not dead-lettered");
        Assert.Empty(Leaks(secrets, gateway.Log, dir.File("data")));
    }

    [Fact]
    public async Task No_secret_appears_in_the_log_or_the_data_folder_when_the_broker_and_influxdb_refuse_the_passwords()
    {
        using var dir = new TempDirectory();
        var secrets = NewSecrets("broker-password", "influx-password");
        using var broker = new PasswordMosquitto(("gateway", "the-right-one-" + Guid.NewGuid().ToString("N")));
        using var refusing = new RefusingHttpServer();
        foreach (var (name, value) in secrets) dir.Write(name, value + "\n");
        var plant = new BreachPlant(1, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(2));
        dir.Write("contract.yaml", plant.Contract);
        var site = dir.Write("site.yaml", $"""
            site: secret-plant
            broker: {"{"} url: "{broker.Url}", client_id: vg-secrets-{Guid.NewGuid():N}, username: gateway, password_file: {dir.File("broker-password")} {"}"}
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [contract.yaml]
            evaluate_every: 1s
            store: {"{"} kind: influxdb, url: "{refusing.Url}", database: plant, username: writer, password_file: {dir.File("influx-password")} {"}"}
            devices:
            {plant.Devices}
            """);

        using var gateway = GatewayProcess.Start(site);
        await Eventually.WaitFor(() => gateway.Log.Contains("\"MqttConnectFailed\"", StringComparison.Ordinal)
                && gateway.Log.Contains("\"EvaluationRoundFailed\"", StringComparison.Ordinal) && gateway.Log.Contains("\"InfluxUnavailable\"", StringComparison.Ordinal),
            "the gateway to report the refused broker login, InfluxDB refusing it at start and the failed evaluation", 90);
        await StatusWrittenAfter(dir.File("data/status.json"), DateTime.UtcNow);
        gateway.KillHard();

        Assert.DoesNotContain("\"MqttConnected\"", gateway.Log, StringComparison.Ordinal);
        Assert.True(refusing.Saw("p=" + secrets["influx-password"]), "InfluxDB was not sent the password");
        Assert.Empty(Leaks(secrets, gateway.Log, dir.File("data")));
    }

    /// <summary>The gateway logged a TicketActionFailed event for the sink.</summary>
    /// <summary>Waits for the gateway's next status.json after <paramref name="mark"/> (it writes one every 5 s).</summary>
    private static Task StatusWrittenAfter(string path, DateTime mark) =>
        Eventually.WaitFor(() => File.Exists(path) && File.GetLastWriteTimeUtc(path) > mark, "the gateway to write status.json again", 30);

    private static bool Refused(GatewayProcess gateway, string sink) =>
        gateway.Log.Split('\n').Any(l => l.Contains("\"TicketActionFailed\"", StringComparison.Ordinal) && l.Contains($"\"Sink\":\"{sink}\"", StringComparison.Ordinal));

    private static Dictionary<string, string> NewSecrets(params string[] names) =>
        names.ToDictionary(n => n, n => n + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>No token, a wrong token, the right token: the status codes of <c>GET /api/status</c>.</summary>
    private static async Task<HttpStatusCode[]> WebStatusCodesAsync(int port, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = await http.GetAsync("api/status");
                break;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100); // not listening yet
            }
        }
        var codes = new List<HttpStatusCode>();
        foreach (var bearer in new[] { null, "wrong-" + token, token })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/status");
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request);
            codes.Add(response.StatusCode);
        }
        return [.. codes];
    }

    /// <summary>The last error the escalation outbox holds per sink.</summary>
    private static Dictionary<string, string> OutboxErrors(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sink, last_error FROM outbox WHERE last_error IS NOT NULL";
        using var reader = command.ExecuteReader();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) errors[reader.GetString(0)] = reader.GetString(1);
        return errors;
    }

    /// <summary>"secret in where" for every secret found in the log or in the bytes of any file under the data folder.</summary>
    private static List<string> Leaks(Dictionary<string, string> secrets, string log, string dataDir)
    {
        var files = Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("status.json", StringComparison.Ordinal));
        var leaks = new List<string>();
        foreach (var (name, value) in secrets)
        {
            if (log.Contains(value, StringComparison.Ordinal)) leaks.Add($"{name} in the gateway log");
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            leaks.AddRange(files.Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(bytes) >= 0).Select(f => $"{name} in {Path.GetRelativePath(dataDir, f)}"));
        }
        return leaks;
    }
}
