using System.Net;
using System.Net.Sockets;
using MQTTnet;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>
/// Needs: mosquitto. The gateway runs as a child process with every secret a site can hold (broker password, InfluxDB
/// password, Redmine API key, webhook secret) while its store is unreachable, so it logs connection and write
/// failures for minutes' worth of retries; not one secret may appear in what it prints.
/// </summary>
[Collection(GatewayFaultCollection.Name)]
public class SecretsInLogsTests(MosquittoBroker mosquitto)
{
    [Fact]
    public async Task No_secret_of_the_site_appears_in_the_gateway_log_while_it_reports_failures()
    {
        using var dir = new TempDirectory();
        var secrets = new Dictionary<string, string>
        {
            ["broker-password"] = "mqtt-pw-" + Guid.NewGuid().ToString("N"),
            ["influx-password"] = "influx-pw-" + Guid.NewGuid().ToString("N"),
            ["redmine-key"] = "redmine-key-" + Guid.NewGuid().ToString("N"),
            ["webhook-secret"] = "webhook-secret-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (name, value) in secrets) dir.Write(name, value + "\n");
        var deadPort = UnusedPort();
        var site = dir.Write("site.yaml", $"""
            site: secret-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-secrets-{Guid.NewGuid():N}, username: gateway, password_file: {dir.File("broker-password")} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "http://127.0.0.1:{deadPort}", database: plant, username: writer, password_file: {dir.File("influx-password")} {"}"}
            devices:
            {FaultPlant.Devices(2)}
            tickets:
              sinks:
                - {"{"} name: delivery, kind: redmine, url: "http://127.0.0.1:{deadPort}", api_key_file: {dir.File("redmine-key")}, project: plant {"}"}
                - {"{"} name: hook, kind: webhook, url: "http://127.0.0.1:{deadPort}/hook", secret_file: {dir.File("webhook-secret")} {"}"}
            """);

        using var gateway = GatewayProcess.Start(site);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port)
            .WithClientId("secrets-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await FaultPlant.PublishAsync(mqtt, "secret-plant", 2, 0, 50);
        await Eventually.WaitFor(() => gateway.Log.Contains("\"SpoolForwardFailed\"", StringComparison.Ordinal), "the gateway to report the unreachable store", 60);
        gateway.KillHard();

        var log = gateway.Log;
        Assert.Contains($"127.0.0.1:{deadPort}", log, StringComparison.Ordinal);
        foreach (var (name, value) in secrets)
            Assert.False(log.Contains(value, StringComparison.Ordinal), $"the {name} appears in the gateway log");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
