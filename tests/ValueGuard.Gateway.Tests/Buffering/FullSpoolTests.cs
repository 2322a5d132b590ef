using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Evaluation;
using ValueGuard.Gateway.Hosting;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Evidence;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Buffering;

/// <summary>
/// The acceptance case: a small spool in front of a store that is away fills up, follows the site's
/// when_full policy, records every drop in the evidence ledger, and the clause over that data shows it.
/// </summary>
public sealed class FullSpoolTests : IDisposable
{
    private static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SpooledStoreOptions QuickRetries = new() { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) };
    private readonly TempDirectory dir = new();
    private readonly EmbeddedTimeSeriesStore embedded;
    private readonly SwitchableStore store;

    public FullSpoolTests()
    {
        embedded = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        store = new SwitchableStore(embedded) { Down = true };
    }

    public void Dispose()
    {
        embedded.Dispose();
        dir.Dispose();
    }

    private GatewayRuntime Open(string whenFull)
    {
        var site = ExampleSite.In(dir);
        var spool = new SpoolConfig { MaxBytes = 16 * 1024, SegmentBytes = 4096, WhenFull = whenFull };
        site = site with { Site = site.Site with { Store = new StoreConfig(new Uri("http://127.0.0.1:9"), "valueguard", null, null, null, null) { Spool = spool } } };
        return GatewayRuntime.OverSpool(site, store, new ManualClock(GoLive.AddHours(48)), NullLoggerFactory.Instance, forwarding: QuickRetries);
    }

    /// <summary>48 hours of press data, one batch per hour, the press always running; as MQTT ingest does, a refused batch waits for room.</summary>
    private async Task IngestWhileTheStoreIsAway(GatewayRuntime runtime)
    {
        for (var hour = 0; hour < 48; hour++)
        {
            var batch = Enumerable.Range(0, 12).SelectMany(i =>
            {
                var t = GoLive.AddHours(hour).AddMinutes(i * 5);
                var m = hour * 60 + i * 5;
                return new[] { new Sample(Running, t, 1), new Sample(new("mes-gw", "api_ok"), t, m * 10.0), new Sample(new("mes-gw", "api_total"), t, m * 10.0) };
            }).ToList();
            try
            {
                await runtime.Store.WriteAsync(batch, default);
            }
            catch (SpoolFullException)
            {
                // Not acknowledged: the broker keeps the messages. The store comes back; the batch is written again.
                store.Down = false;
                await Eventually.WaitFor(() => runtime.Spool!.PendingRecords == 0, "the spool to drain");
                store.Down = true;
                await runtime.Store.WriteAsync(batch, default);
            }
        }
        store.Down = false;
        await Eventually.WaitFor(() => runtime.Spool!.PendingRecords == 0, "the spool to drain");
    }

    private static List<JsonElement> LossRecords(GatewayRuntime runtime) =>
        [.. File.ReadLines(runtime.Paths.Ledger).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("kind").GetString() == EvidenceKinds.DataLoss).Select(r => r.GetProperty("body").Clone())];

    [Fact]
    public async Task Refuse_new_writes_loses_nothing_and_the_clause_keeps_full_coverage()
    {
        await using var runtime = Open("refuse_new_writes");

        await IngestWhileTheStoreIsAway(runtime);
        var result = (await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(48), default)).Single(s => s.Clause.Id.Value == "press-availability").Result!;

        Assert.Empty(LossRecords(runtime));
        Assert.True(runtime.Spool!.Health.RefusedBatches > 0, "the spool should have been full");
        Assert.Equal(1.0, result.Coverage, 6);
        Assert.Equal(48 * 12, (await embedded.ReadAsync(Running, GoLive, GoLive.AddDays(3), default)).Count);
    }

    [Theory]
    [InlineData("reject_newest")]
    [InlineData("drop_oldest")]
    public async Task A_dropping_policy_records_each_loss_in_the_ledger_and_the_clause_shows_lower_coverage(string policy)
    {
        await using var runtime = Open(policy);

        await IngestWhileTheStoreIsAway(runtime);
        var press = (await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(48), default)).Single(s => s.Clause.Id.Value == "press-availability");

        var losses = LossRecords(runtime);
        Assert.NotEmpty(losses);
        Assert.All(losses, l => Assert.Equal(policy, l.GetProperty("policy").GetString()));
        Assert.All(losses, l => Assert.Equal("full", l.GetProperty("reason").GetString()));
        var lostSamples = losses.Sum(l => l.GetProperty("samples").GetInt64());
        var stored = (await embedded.ReadAsync(Running, GoLive, GoLive.AddDays(3), default)).Count;
        Assert.Equal(48 * 12, stored + losses.Sum(l => l.GetProperty("signals").EnumerateArray().Where(s => s.GetProperty("signal").GetString() == "press-07/running").Sum(s => s.GetProperty("samples").GetInt64())));
        Assert.Equal(lostSamples, runtime.Spool!.Health.DroppedSamples);

        // Coverage is known time over the window; the lost spans are unknown, so coverage falls by at least their length.
        var lostSpan = runtime.LostTime.Of(Running).Overlap(GoLive, GoLive.AddHours(48));
        Assert.True(lostSpan > TimeSpan.FromHours(1), $"only {lostSpan} lost");
        Assert.True(press.Result!.Coverage <= 1 - lostSpan / TimeSpan.FromHours(48) + 1e-9, $"coverage {press.Result.Coverage} with {lostSpan} lost");
        Assert.True(LedgerVerifier.Verify(runtime.Paths.Ledger).Intact);
    }

    [Fact]
    public async Task Lost_time_recorded_before_a_restart_still_counts_after_it_and_verify_agrees()
    {
        var site = ExampleSite.In(dir);
        double before;
        await using (var runtime = Open("reject_newest"))
        {
            await IngestWhileTheStoreIsAway(runtime);
            await runtime.Evaluator.RecordContractsAsync(GoLive.AddHours(48), default);
            before = (await runtime.Evaluator.EvaluateAsync(GoLive.AddHours(48), default)).Single(s => s.Clause.Id.Value == "press-availability").Result!.Coverage;
        }

        var lost = LostTimeLedger.Load(new GatewayPaths(site.Site.DataDirectory).Ledger);
        var contract = site.Contracts[0];
        var clause = contract.Clauses.Single(c => c.Id.Value == "press-availability");
        var after = await new ClauseCalculator(embedded, site.Catalog, lost: lost).CalculateAsync(contract, clause, GoLive.AddHours(48), default);
        var ignoringLosses = await new ClauseCalculator(embedded, site.Catalog).CalculateAsync(contract, clause, GoLive.AddHours(48), default);

        Assert.Equal(before, after.Result!.Coverage, 9);
        Assert.True(ignoringLosses.Result!.Coverage > after.Result.Coverage, "the loss records must lower coverage below what sample-and-hold alone gives");
        var check = await LedgerReevaluation.RunAsync(new GatewayPaths(site.Site.DataDirectory).Ledger, site, embedded, default);
        Assert.Null(check.Problem);
        Assert.True(check.Checked > 0, "the ledger should hold a recorded result to re-evaluate");
    }
}
