using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.Ingest.Mqtt.Decoding;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests;

/// <summary>Needs: mosquitto (started here with a TLS listener that requires client certificates).</summary>
public sealed class MqttTlsWithMosquittoTests : IClassFixture<TlsMosquittoBroker>
{
    private readonly TlsMosquittoBroker broker;

    public MqttTlsWithMosquittoTests(TlsMosquittoBroker broker) => this.broker = broker;

    private static SiteModel Site()
    {
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        return model!;
    }

    private MqttIngestService Ingest(SiteModel site, EmbeddedTimeSeriesStore store, MqttTlsOptions tls) =>
        new(new MqttIngestOptions
        {
            Broker = broker.Url,
            ClientId = "vg-tls-" + Guid.NewGuid().ToString("N")[..8],
            Tls = tls,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        }, new SiteMessageRouter(site, limits: TimestampLimits.None), store, TimeProvider.System, NullLogger<MqttIngestService>.Instance);

    private async Task<IMqttClient> PublisherAsync()
    {
        var tls = new MqttClientTlsOptionsBuilder().UseTls().WithTargetHost("127.0.0.1");
        new MqttTlsOptions { CaFile = broker.PlantCa.CertificateFile, ClientCertificateFile = broker.Client.CertificateFile, ClientKeyFile = broker.Client.KeyFile }.Apply(tls);
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Url.Port).WithClientId("sim-tls-" + Guid.NewGuid().ToString("N")[..8])
            .WithTlsOptions(tls.Build()).Build());
        return client;
    }

    [Fact]
    public async Task Gateway_with_the_plant_CA_and_a_client_certificate_stores_what_arrives_over_TLS()
    {
        using var dir = new TempDirectory();
        var site = Site();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = Ingest(site, store, new MqttTlsOptions { CaFile = broker.PlantCa.CertificateFile, ClientCertificateFile = broker.Client.CertificateFile, ClientKeyFile = broker.Client.KeyFile });
        await ingest.StartAsync(default);
        await Eventually.WaitFor(() => ingest.IsReady, $"the gateway to connect over TLS; mosquitto said: {broker.Log}");

        using var publisher = await PublisherAsync();
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1772323200000);
        for (var i = 0; i < 50; i++)
        {
            var json = $$"""{"ts":{{t0.AddMinutes(i).ToUnixTimeMilliseconds()}},"state":{"running":true},"temp_c":{{60 + i}},"parts":{{i}}}""";
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"plant/{site.Site.Id}/press-07/telemetry")
                .WithPayload(Encoding.UTF8.GetBytes(json)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
        await Eventually.WaitFor(() => ingest.Counters.Done >= 50, "all 50 messages to be stored");
        await ingest.StopAsync(default);

        Assert.Equal(50, ingest.Counters.Stored);
        var temperature = await store.ReadAsync(new SignalId("press-07", "temperature"), t0, t0.AddHours(1), default);
        Assert.Equal(Enumerable.Range(60, 50).Select(v => (double)v), temperature.Select(s => s.Value));
    }

    [Fact]
    public async Task Gateway_without_a_client_certificate_is_refused()
    {
        await AssertRefusedAsync(new MqttTlsOptions { CaFile = broker.PlantCa.CertificateFile });
    }

    [Fact]
    public async Task Gateway_with_a_client_certificate_from_another_CA_is_refused()
    {
        await AssertRefusedAsync(new MqttTlsOptions { CaFile = broker.PlantCa.CertificateFile, ClientCertificateFile = broker.ForeignClient.CertificateFile, ClientKeyFile = broker.ForeignClient.KeyFile });
    }

    [Fact]
    public async Task Gateway_refuses_a_broker_whose_certificate_is_not_from_its_CA()
    {
        await AssertRefusedAsync(new MqttTlsOptions { CaFile = broker.OtherCa.CertificateFile, ClientCertificateFile = broker.Client.CertificateFile, ClientKeyFile = broker.Client.KeyFile });
    }

    private async Task AssertRefusedAsync(MqttTlsOptions tls)
    {
        using var dir = new TempDirectory();
        using var store = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        using var ingest = Ingest(Site(), store, tls);
        await ingest.StartAsync(default);

        await Eventually.WaitFor(() => ingest.Counters.ConnectFailures >= 3, "three refused connection attempts");
        var connected = ingest.IsReady;
        await ingest.StopAsync(default);

        Assert.False(connected);
    }
}
