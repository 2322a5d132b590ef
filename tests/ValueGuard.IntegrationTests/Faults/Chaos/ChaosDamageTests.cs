using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using ValueGuard.Gateway.Status;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Testing;
using Xunit.Abstractions;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>
/// Needs: mosquitto, influxd. A gateway process fills its 256 KB spool while InfluxDB is down (policy drop_oldest), is
/// killed, and finds at its next start a spool segment and the ledger's tail corrupted. Every loss is in the ledger
/// (data-loss for the policy's drops and the damaged spool bytes, ledger-damage for the cut tail), verify names the
/// damage before the restart and passes with a NOTE per loss after it, and the gateway keeps running and storing.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosDamageTests(MosquittoBroker mosquitto, ITestOutputHelper output)
{
    private const int Devices = 5;
    private const int Messages = 5_000;
    private const int SamplesPerMessage = 3;

    /// <summary>A message's 3 samples in a spool record: per sample 2 + "m00" + 2 + signal name + 16 bytes.</summary>
    private const int MessageBytes = 3 * (2 + 3 + 2 + 16) + 7 + 11 + 5; // running, temperature, parts

    [Fact]
    public async Task A_full_spool_a_corrupted_segment_and_a_corrupted_ledger_tail_are_all_recorded_and_the_gateway_runs_on()
    {
        using var dir = new TempDirectory();
        using var influx = new InfluxProcess(Directory.CreateDirectory(dir.File("influxd")).FullName);
        var site = dir.Write("site.yaml", $"""
            site: damage-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-damage-{Guid.NewGuid():N} {"}"}
            data_dir: data
            {FaultPlant.Ingest}
            device_profiles: [{RepoPaths.DeviceProfiles}]
            store: {"{"} kind: influxdb, url: "{influx.Url}", database: damage, spool: {"{"} max_bytes: 256KB, segment_bytes: 32KB, when_full: drop_oldest {"}"} {"}"}
            evaluate_every: 1s
            devices:
            {FaultPlant.Devices(Devices)}
            """);
        var ledger = dir.File("data/ledger.jsonl");
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Url.Host, mosquitto.Url.Port).WithClientId("damage-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build());

        // 1. InfluxDB is down: the spool fills and drops its oldest samples, each drop a data-loss record.
        using (var first = GatewayProcess.Start(site))
        {
            await first.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
            await FaultPlant.PublishAsync(mqtt, "damage-plant", Devices, 0, Messages);
            try
            {
                await Eventually.WaitFor(() => IngestDone(dir.File("data/status.json")) >= Messages, "the gateway to take in every message", 60);
            }
            finally
            {
                await File.WriteAllTextAsync(TestArtifacts.File("chaos-damage-first-gateway.log"), first.Log);
            }
            first.KillHard();
        }
        // Messages are counted by their "parts" sample: one per message.
        var droppedByPolicy = Losses(ledger).Where(l => l.TryGetProperty("reason", out var r) && r.GetString() == "full")
            .SelectMany(l => l.GetProperty("signals").EnumerateArray()).Where(s => s.GetProperty("signal").GetString()!.EndsWith("/parts", StringComparison.Ordinal))
            .Sum(s => s.GetProperty("samples").GetInt64());

        // 2. The crash also damaged the oldest spool segment (its middle) and the ledger's last record.
        var segment = Directory.GetFiles(dir.File("data/spool"), "*.spool").Order(StringComparer.Ordinal).First();
        var bytes = await File.ReadAllBytesAsync(segment);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        await File.WriteAllBytesAsync(segment, bytes);
        var ledgerBytes = await File.ReadAllBytesAsync(ledger);
        ledgerBytes[^30] ^= 0x01;
        await File.WriteAllBytesAsync(ledger, [.. ledgerBytes, .. "{\"seq\":"u8.ToArray()]);
        var (damagedExit, damagedOutput) = await ValueGuardCommand.VerifyAsync(ledger);

        // 3. InfluxDB is back; the gateway starts on the damaged files, records what it cut, forwards the rest and takes in more.
        await influx.StartAsync();
        using var second = GatewayProcess.Start(site);
        await second.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));
        try
        {
            await Eventually.WaitFor(() => SpoolPending(dir.File("data/status.json")) == 0, "the spool to drain", 60);
        }
        finally
        {
            await File.WriteAllTextAsync(TestArtifacts.File("chaos-damage-second-gateway.log"), second.Log);
        }
        await FaultPlant.PublishAsync(mqtt, "damage-plant", Devices, Messages, Messages + 100);
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx.Url, Database = "damage" }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        await Eventually.WaitFor(() => IngestDone(dir.File("data/status.json")) >= 100 && SpoolPending(dir.File("data/status.json")) == 0, "the new messages to be taken in and forwarded", 30);
        var stored = await FaultPlant.CountAsync(client);
        var running = second.IsRunning;
        second.KillHard();

        var losses = Losses(ledger);
        var spoolDamage = losses.Where(l => l.TryGetProperty("lost_bytes", out _)).ToList();
        var ledgerDamage = Records(ledger, "ledger-damage");
        var (verifyExit, verifyOutput) = await ValueGuardCommand.VerifyAsync(ledger);
        await File.WriteAllTextAsync(TestArtifacts.File("chaos-damage-verify.txt"), $"before the restart (exit {damagedExit}):\n{damagedOutput}\nafter it (exit {verifyExit}):\n{verifyOutput}");
        // Reconciled in messages: each message is 3 samples (running, temperature, parts) in one spool record, and takes
        // MessageBytes there. Where the damaged bytes still framed whole records the gateway counted their samples; the rest
        // it knows in bytes only, which held at least one message and at most uncounted / MessageBytes.
        long Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var samplesCut = spoolDamage.Sum(d => Field(d, "samples_cut"));
        var uncounted = spoolDamage.Sum(d => Field(d, "uncounted_bytes"));
        var sent = Messages + 100;
        var lostInDamage = sent - stored - droppedByPolicy;
        var countedMessages = samplesCut / SamplesPerMessage;
        var (lowest, highest) = uncounted == 0 ? (countedMessages, countedMessages) : (countedMessages + 1, countedMessages + uncounted / MessageBytes);
        FaultSummary.Report(output, "damage", ("iterations", 1), ("samples_sent", sent), ("stored", stored), ("dropped_by_policy", droppedByPolicy),
            ("lost_in_damage", lostInDamage), ("damage_evidence", uncounted == 0 ? $"exact:{countedMessages}" : $"bound:{lowest}..{highest}"),
            ("spool_damage_records", spoolDamage.Count), ("spool_bytes_cut", spoolDamage.Sum(d => d.GetProperty("lost_bytes").GetInt64())),
            ("spool_records_cut", spoolDamage.Sum(d => Field(d, "records_cut"))), ("spool_samples_cut", samplesCut), ("spool_uncounted_bytes", uncounted),
            ("ledger_damage_records", ledgerDamage.Count), ("ledger_bytes_cut", ledgerDamage.Sum(d => d.GetProperty("cut_bytes").GetInt64())),
            ("tickets_expected", 0), ("created", 0),
            ("verify_before_restart", damagedExit == 1 ? "damage-reported" : "NOT-REPORTED"), ("ledger_verify", verifyExit == 0 ? "ok" : "FAILED"), ("gateway_running", running));
        Assert.True(droppedByPolicy > 0, "the 256 KB spool must have dropped samples under drop_oldest");
        Assert.Equal(1, damagedExit);
        Assert.Contains("tail is damaged", damagedOutput, StringComparison.Ordinal);
        Assert.True(running, "the gateway must keep running on damaged files:\n" + second.Log[..Math.Min(4000, second.Log.Length)]);
        var cut = Assert.Single(ledgerDamage);
        Assert.Equal(2, cut.GetProperty("cut_lines").GetInt32());
        Assert.True(File.Exists(cut.GetProperty("saved_to").GetString()));
        Assert.NotEmpty(spoolDamage);
        Assert.True(stored > 0 && lostInDamage > 0, $"stored {stored}, dropped {droppedByPolicy}: the damaged bytes must have lost samples");
        Assert.True(samplesCut % SamplesPerMessage == 0, $"{samplesCut} samples counted in cut records: not whole messages");
        // sent == stored + dropped_by_policy + lost_in_damage, with lost_in_damage what the evidence counted (or bounds).
        Assert.True(lostInDamage >= lowest && lostInDamage <= highest,
            $"sent {sent} = stored {stored} + dropped {droppedByPolicy} + {lostInDamage} lost, but the evidence accounts for {lowest}..{highest} messages");
        Assert.True(verifyExit == 0, verifyOutput);
        Assert.Contains("NOTE: ledger-damage", verifyOutput, StringComparison.Ordinal);
        Assert.Contains("NOTE: data-loss", verifyOutput, StringComparison.Ordinal);
    }

    private static long IngestDone(string statusFile)
    {
        if (StatusFile.TryRead(statusFile)?["sections"]?["ingest"] is not JsonObject ingest) return 0;
        return ingest["messages_stored"]!.GetValue<long>() + ingest["messages_rejected"]!.GetValue<long>();
    }

    private static long SpoolPending(string statusFile) =>
        StatusFile.TryRead(statusFile)?["sections"]?["spool"]?["pending_records"]?.GetValue<long>() ?? -1;

    private static List<JsonElement> Losses(string ledger) => Records(ledger, "data-loss");

    private static List<JsonElement> Records(string ledger, string kind) =>
    [
        .. File.ReadLines(ledger).Where(l => l.Contains($"\"kind\":\"{kind}\"", StringComparison.Ordinal) && Core.Evidence.EvidenceChain.TryOpen(l, out _, out _))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body").Clone()),
    ];
}
