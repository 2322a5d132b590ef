using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Storage.Influx;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>
/// The plant the fault tests drive: devices m00, m01, … on the press-plc-json profile, message i going to
/// device i mod N with its own timestamp, so every message is one distinct point of signal "parts".
/// </summary>
internal static class FaultPlant
{
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>The site file's ingest section: the plant's timestamps start on 2026-03-01, beyond the default max_past of 30 days.</summary>
    public const string Ingest = "ingest: { max_past: 3650d }";

    /// <summary>The site file's device list.</summary>
    public static string Devices(int devices) =>
        string.Concat(Enumerable.Range(0, devices).Select(d => $"  - {{ id: m{d:00}, profile: press-plc-json }}\n"));

    /// <summary>Publishes messages [from, to) with QoS 1, each confirmed by the broker.</summary>
    public static async Task PublishAsync(IMqttClient mqtt, string site, int devices, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var payload = string.Create(CultureInfo.InvariantCulture, $$"""{"ts":{{T0 + i / devices * 1000}},"state":{"running":true},"temp_c":{{20 + i % 7}},"parts":{{i}}}""");
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"plant/{site}/m{i % devices:00}/telemetry")
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
    }

    /// <summary>How many messages InfluxDB holds: the samples of signal "parts" over all devices.</summary>
    public static Task<long> CountAsync(InfluxDbClient client) =>
        InfluxTimeSeriesStore.Create(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance).CountAsync("parts", default);
}
