using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Embedded;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>Needs: mosquitto. The gateway runs as a child process and is killed with SIGKILL mid-debounce.</summary>
[Collection(MosquittoCollection.Name)]
public class DebounceRestartTests(MosquittoBroker mosquitto)
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(4);

    private static (string? Trigger, DateTimeOffset? Since) Pending(string stateDb)
    {
        if (!File.Exists(stateDb)) return (null, null);
        using var c = new SqliteConnection($"Data Source={stateDb};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT pending_trigger, pending_since FROM commitments WHERE clause = 'press-availability'";
        try
        {
            using var r = cmd.ExecuteReader();
            return r.Read() && !r.IsDBNull(0) ? (r.GetString(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero)) : (null, null);
        }
        catch (SqliteException)
        {
            return (null, null); // the gateway has not created its tables yet
        }
    }

    /// <summary>Transition records so far; a line the gateway is still writing is not a record yet.</summary>
    private static List<JsonElement> Transitions(string ledger) =>
        [.. File.ReadLines(ledger).Where(l => EvidenceChain.TryOpen(l, out _, out _)).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("kind").GetString() == "transition")];

    [Fact]
    public async Task A_breach_pending_when_the_gateway_is_killed_fires_at_its_original_time_after_restart_and_only_once()
    {
        using var dir = new TempDirectory();
        var now = TimeProvider.System.GetUtcNow();
        var goLive = now.AddHours(-2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        dir.Write("contract.yaml", $"""
            contract: C-DEBOUNCE
            customer: Test
            timezone: UTC
            go_live: {goLive}
            clauses:
              - id: press-availability
                text: Press available 99 % over any hour
                kpi: {"{"} kind: availability, signal: press-07/running {"}"}
                window: {"{"} rolling: 1h {"}"}
                target: ">= 99%"
                debounce: 4s
            """);
        var site = dir.Write("site.yaml", $"""
            site: debounce-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-debounce-{Guid.NewGuid():N} {"}"}
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            contracts: [contract.yaml]
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
            evaluate_every: 1s
            """);
        // The press has been stopped for the last two hours.
        using (var store = new EmbeddedTimeSeriesStore(dir.File("data/samples.db")))
            await store.WriteAsync([.. Enumerable.Range(0, 130).Select(m => new Sample(new SignalId("press-07", "running"), now.AddMinutes(m - 120), 0))], default);

        DateTimeOffset since;
        using (var first = GatewayProcess.Start(site))
        {
            await Eventually.WaitFor(() => Pending(dir.File("data/state.db")).Trigger == "EvaluatedBreached", "the breach to be pending", 60);
            first.KillHard();
            since = Pending(dir.File("data/state.db")).Since!.Value;
        }
        Assert.Empty(Transitions(dir.File("data/ledger.jsonl")));
        await Eventually.WaitFor(() => TimeProvider.System.GetUtcNow() > since + Debounce + TimeSpan.FromSeconds(1), "the debounce to run out while the gateway is down");

        using var second = GatewayProcess.Start(site);
        await Eventually.WaitFor(() => Transitions(dir.File("data/ledger.jsonl")).Count > 0, "the breach to be recorded", 60);
        await Eventually.WaitFor(() => Pending(dir.File("data/state.db")).Trigger is null, "the pending move to be cleared", 10);

        var breaches = Transitions(dir.File("data/ledger.jsonl")).Where(t => t.GetProperty("body").GetProperty("to").GetString() == "Breached").ToList();
        var breach = Assert.Single(breaches);
        var at = DateTimeOffset.Parse(breach.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((since + Debounce).ToUnixTimeMilliseconds(), at.ToUnixTimeMilliseconds());
        Assert.Equal(1, breach.GetProperty("body").GetProperty("episode").GetInt32());
    }
}
