using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Evidence;
using ValueGuard.Gateway.Clock;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Gateway.Status;
using ValueGuard.Ingest.Mqtt.Client;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Evidence;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// Needs: mosquitto. A whole gateway in this process on a clock the test moves two hours forwards and then three hours
/// backwards, with a system that reports its clock unsynchronised; devices send samples from now, the future and the
/// distant past. Samples outside <c>ingest.max_future</c>/<c>max_past</c> (as the gateway's clock sees them) are
/// rejected with their reason and counted, both jumps and the lost synchronisation are in the ledger, which verifies,
/// and the status shows them.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosClockTests(MosquittoBroker mosquitto, ITestOutputHelper output)
{
    private sealed class UnsynchronisedSystem : IClockSyncSource
    {
        public ClockSynchronisation Read() => new(ClockSyncState.Unsynchronised, "test", "adjtimex would say TIME_ERROR");
    }

    [Fact]
    public async Task Clock_jumps_and_samples_from_the_future_and_the_past_are_rejected_counted_and_recorded()
    {
        using var dir = new TempDirectory();
        var siteName = "clock-plant-" + Guid.NewGuid().ToString("N")[..6];
        var siteFile = dir.Write("site.yaml", $"""
            site: {siteName}
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-clock-{Guid.NewGuid():N} {"}"}
            data_dir: data
            ingest: {"{"} max_future: 5m, max_past: 30d {"}"}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            evaluate_every: 1s
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
            """);
        var (site, errors) = SiteModelLoader.Load(siteFile);
        Assert.True(site is not null, string.Join('\n', errors));
        var clock = new ShiftedClock();
        await using var runtime = await GatewayRuntime.OpenAsync(site, clock, NullLoggerFactory.Instance, default);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IClockSyncSource>(new UnsynchronisedSystem());
        builder.Services.AddValueGuardGateway(runtime, mosquitto.Url, null);
        builder.Services.AddSingleton<TimeProvider>(clock); // after the gateway's TimeProvider.System: the last registration wins
        using var host = builder.Build();
        await host.StartAsync();
        var ingest = host.Services.GetRequiredService<MqttIngestService>();
        await Eventually.WaitFor(() => ingest.IsReady, "the gateway to connect", 30);
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("clock-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());
        var ledger = dir.File("data/ledger.jsonl");
        var sent = 0;
        async Task Send(TimeSpan fromRealNow)
        {
            for (var i = 0; i < 5; i++)
            {
                var ts = TimeProvider.System.GetUtcNow().Add(fromRealNow).AddMilliseconds(i).ToUnixTimeMilliseconds();
                await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"plant/{siteName}/press-07/telemetry")
                    .WithPayload(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"ts":{{ts}},"state":{"running":true},"temp_c":21}""")))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                sent++;
            }
            await Eventually.WaitFor(() => ingest.Counters.Done >= sent, "the gateway to take in every message", 30);
        }
        long Rejected(string reason) => ingest.Counters.RejectedByReason.GetValueOrDefault(reason);

        // Gateway clock right: now is stored, an hour ahead and 400 days back are not.
        await Send(TimeSpan.Zero);
        await Send(TimeSpan.FromHours(1));
        await Send(TimeSpan.FromDays(-400));
        Assert.Equal((5, 5, 5), (ingest.Counters.Stored, Rejected("future-timestamp"), Rejected("past-timestamp")));

        // Two hours forwards: a device an hour ahead of true time is now behind the gateway, and stored; ten minutes past the gateway's now is not.
        clock.Offset = TimeSpan.FromHours(2);
        await Eventually.WaitFor(() => Jumps(ledger).Count == 1, "the forward jump to be recorded", 30);
        await Send(TimeSpan.FromHours(1));
        await Send(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10));
        Assert.Equal((10, 10, 5), (ingest.Counters.Stored, Rejected("future-timestamp"), Rejected("past-timestamp")));

        // Three hours backwards (an hour behind true time): a device on true time is an hour in the gateway's future.
        clock.Offset = TimeSpan.FromHours(-1);
        await Eventually.WaitFor(() => Jumps(ledger).Count == 2, "the backward jump to be recorded", 30);
        await Send(TimeSpan.Zero);
        Assert.Equal((10, 15, 5), (ingest.Counters.Stored, Rejected("future-timestamp"), Rejected("past-timestamp")));

        var status = host.Services.GetServices<IStatusSection>().Single(s => s.Name == "clock").Read(clock.GetUtcNow());
        await host.StopAsync();
        var jumps = Jumps(ledger);
        var syncRecords = File.ReadLines(ledger).Count(l => l.Contains("\"kind\":\"clock-sync\"", StringComparison.Ordinal));
        var deadLetters = File.ReadLines(dir.File("data/dead-letter.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()).ToList();
        var (verifyExit, verifyOutput) = await ValueGuardCommand.VerifyAsync(ledger);

        FaultSummary.Report(output, "clock", ("iterations", 1), ("samples_sent", sent), ("stored", ingest.Counters.Stored), ("tickets_expected", 0), ("created", 0),
            ("rejected_future", Rejected("future-timestamp")), ("rejected_past", Rejected("past-timestamp")),
            ("jumps_recorded", jumps.Count), ("jump_seconds", string.Join('/', jumps.Select(j => Math.Round(j / 60) * 60))),
            ("unsync_recorded", syncRecords), ("ledger_verify", verifyExit == 0 ? "ok" : "FAILED"));
        Assert.InRange(jumps[0], 7200 - 30, 7200 + 30);
        Assert.InRange(jumps[1], -10800 - 30, -10800 + 30);
        Assert.Equal(1, syncRecords);
        Assert.Equal(15, deadLetters.Count(r => r == "future-timestamp"));
        Assert.Equal(5, deadLetters.Count(r => r == "past-timestamp"));
        Assert.False(status["ntp_synchronised"]!.GetValue<bool>());
        Assert.InRange(status["last_jump_seconds"]!.GetValue<double>(), -10800 - 30, -10800 + 30);
        Assert.Equal(2, status["jumps_since_start"]!.GetValue<int>());
        Assert.True(verifyExit == 0, verifyOutput);
        Assert.Contains("NOTE: clock-jump", verifyOutput, StringComparison.Ordinal);
        Assert.Contains("NOTE: clock-sync", verifyOutput, StringComparison.Ordinal);
        Assert.True(LedgerVerifier.Verify(ledger).Intact);
    }

    private static List<double> Jumps(string ledger) =>
    [
        .. File.ReadLines(ledger).Where(l => EvidenceChain.TryOpen(l, out _, out _) && l.Contains("\"kind\":\"clock-jump\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body").GetProperty("delta_seconds").GetDouble()),
    ];
}
